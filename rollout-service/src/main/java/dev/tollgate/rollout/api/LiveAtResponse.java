package dev.tollgate.rollout.api;

import dev.tollgate.rollout.state.domain.LivePeriod;
import java.time.Instant;

/**
 * The version that was live in one environment at {@code at}.
 *
 * @param since when it was promoted there
 * @param until when the next version was promoted; null while it is still live
 * @param at the instant asked about (now when the request named none)
 */
public record LiveAtResponse(
    String modelName, String environment, String modelVersion, String deploymentId, Instant since, Instant until,
    Instant at) {

  public static LiveAtResponse from(LivePeriod period, Instant at) {
    return new LiveAtResponse(period.live().model(), period.live().environment(), period.live().version(),
        period.live().deploymentId(), period.live().since(), period.until(), at);
  }
}
