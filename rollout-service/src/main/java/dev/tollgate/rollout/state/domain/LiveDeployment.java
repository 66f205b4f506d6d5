package dev.tollgate.rollout.state.domain;

import java.time.Instant;

/** The version that last completed a rollout in an environment, and since when. */
public record LiveDeployment(String model, String environment, String version, String deploymentId, Instant since) {

  /** The live version after {@code event}: a promotion makes its version live; other events change nothing. */
  public static LiveDeployment apply(LiveDeployment current, LifecycleEvent event) {
    if (!(event.change() instanceof LifecycleEvent.Promoted)) {
      return current;
    }
    if (current != null && event.deploymentId().equals(current.deploymentId())
        && event.version().equals(current.version())) {
      return current;
    }
    return new LiveDeployment(event.model(), event.environment(), event.version(), event.deploymentId(),
        event.occurredAt());
  }
}
