package dev.tollgate.approval.policy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An environment's freeze windows, and whether (and until when) it is frozen at a moment. */
public record FreezeCalendar(List<FreezeWindow> windows) {

  public static final FreezeCalendar NONE = new FreezeCalendar(List.of());

  /** Overlapping or back-to-back windows are followed this many times to find the real end. */
  private static final int MAX_CHAINED = 16;

  public FreezeCalendar {
    windows = List.copyOf(windows);
  }

  /** An active freeze: the windows that make it and the moment it ends. */
  public record Freeze(List<String> windows, ZonedDateTime until) {

    public Freeze {
      windows = List.copyOf(windows);
    }

    public String untilText() {
      return until.format(DateTimeFormatter.ISO_ZONED_DATE_TIME);
    }

    public String describe(String environment) {
      return environment + " is frozen until " + untilText() + " (" + String.join(", ", windows) + ")";
    }
  }

  public boolean isEmpty() {
    return windows.isEmpty();
  }

  /** The freeze in force at {@code now}, following windows that overlap or touch to its real end. */
  public Optional<Freeze> at(Instant now) {
    Set<String> names = new LinkedHashSet<>();
    ZonedDateTime until = null;
    Instant probe = now;
    for (int i = 0; i < MAX_CHAINED; i++) {
      ZonedDateTime latest = null;
      for (FreezeWindow window : windows) {
        Optional<ZonedDateTime> end = window.endIfActive(probe);
        if (end.isPresent()) {
          names.add(window.name());
          if (latest == null || end.get().isAfter(latest)) {
            latest = end.get();
          }
        }
      }
      if (latest == null || (until != null && !latest.isAfter(until))) {
        break;
      }
      until = latest;
      probe = latest.toInstant();
    }
    return until == null ? Optional.empty() : Optional.of(new Freeze(new ArrayList<>(names), until));
  }
}
