package dev.tollgate.rollout.api;

import dev.tollgate.rollout.state.domain.LiveDeployment;
import java.time.Instant;

/** The version serving a model in one environment, and since when. */
public record LiveVersionResponse(String environment, String modelVersion, String deploymentId, Instant since) {

  public static LiveVersionResponse from(LiveDeployment live) {
    return new LiveVersionResponse(live.environment(), live.version(), live.deploymentId(), live.since());
  }
}
