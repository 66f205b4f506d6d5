package dev.tollgate.rollout.strategy;

import java.util.Objects;

/**
 * An operator's pause, resume or promote of a deployment's active rollout.
 *
 * @param eventId the command's id (a redelivered command is a no-op)
 * @param actor who asked
 * @param reason why (pause only; may be null)
 */
public record OperatorRequest(String eventId, String deploymentId, Kind kind, String actor, String reason) {

  public enum Kind { PAUSE, RESUME, PROMOTE }

  public OperatorRequest {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(kind, "kind");
  }
}
