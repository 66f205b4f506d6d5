package dev.tollgate.approval.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * A span of time in which an environment takes no new deployments. Local times in a named time
 * zone, so "Friday 18:00 Europe/Berlin" stays 18:00 across daylight-saving changes.
 */
public sealed interface FreezeWindow {

  String name();

  /** When the window is active at {@code now}: the moment it ends. */
  Optional<ZonedDateTime> endIfActive(Instant now);

  /** A one-off range, e.g. the year-end freeze: from inclusive, until exclusive. */
  record Period(String name, LocalDateTime from, LocalDateTime until, ZoneId zone) implements FreezeWindow {
    public Period {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(until, "until");
      Objects.requireNonNull(zone, "zone");
      if (!until.isAfter(from)) {
        throw new IllegalArgumentException("freeze window " + name + " ends (" + until + ") before it starts ("
            + from + ")");
      }
    }

    @Override
    public Optional<ZonedDateTime> endIfActive(Instant now) {
      ZonedDateTime start = from.atZone(zone);
      ZonedDateTime end = until.atZone(zone);
      return !now.isBefore(start.toInstant()) && now.isBefore(end.toInstant()) ? Optional.of(end) : Optional.empty();
    }
  }

  /**
   * A window that recurs every week, e.g. Friday 18:00 until Monday 06:00. It may wrap over the
   * week's end; a start and end on the same day and time would be empty and is refused.
   */
  record Weekly(String name, DayOfWeek fromDay, LocalTime fromTime, DayOfWeek untilDay, LocalTime untilTime,
      ZoneId zone) implements FreezeWindow {
    public Weekly {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(fromDay, "fromDay");
      Objects.requireNonNull(fromTime, "fromTime");
      Objects.requireNonNull(untilDay, "untilDay");
      Objects.requireNonNull(untilTime, "untilTime");
      Objects.requireNonNull(zone, "zone");
      if (fromDay == untilDay && fromTime.equals(untilTime)) {
        throw new IllegalArgumentException("weekly freeze window " + name + " starts and ends at the same time");
      }
    }

    @Override
    public Optional<ZonedDateTime> endIfActive(Instant now) {
      ZonedDateTime local = now.atZone(zone);
      // the latest start at or before now, then the first end after that start
      ZonedDateTime start = local.with(TemporalAdjusters.previousOrSame(fromDay)).with(fromTime);
      if (start.isAfter(local)) {
        start = start.minusWeeks(1);
      }
      ZonedDateTime end = start.with(TemporalAdjusters.nextOrSame(untilDay)).with(untilTime);
      if (!end.isAfter(start)) {
        end = end.plusWeeks(1);
      }
      return local.isBefore(end) ? Optional.of(end) : Optional.empty();
    }
  }
}
