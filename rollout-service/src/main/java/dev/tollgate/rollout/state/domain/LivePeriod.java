package dev.tollgate.rollout.state.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A version that was (or is) live in one environment: from its promotion ({@code live.since()})
 * until the next version was promoted there.
 *
 * @param until when the next version took over; null while it is still live
 */
public record LivePeriod(LiveDeployment live, Instant until) {

  public LivePeriod {
    Objects.requireNonNull(live, "live");
  }

  /** The version live now. */
  public static LivePeriod current(LiveDeployment live) {
    return new LivePeriod(live, null);
  }
}
