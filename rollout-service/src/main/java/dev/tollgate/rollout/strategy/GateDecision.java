package dev.tollgate.rollout.strategy;

import java.util.List;
import java.util.Objects;

/**
 * approval-service decided a stage gate of a deployment.
 *
 * @param eventId the decision event's id (a redelivered decision is a no-op)
 * @param stepIndex the gate step's index, as in the GateRequested it answers
 * @param approved true: GateApproved; false: GateRejected
 * @param actors the approvers (approved) or the rejecter
 * @param reason the rejection's reason; null when approved
 */
public record GateDecision(String eventId, String deploymentId, String gate, int stepIndex, boolean approved,
    List<String> actors, String reason) {

  public GateDecision {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(gate, "gate");
    actors = actors == null ? List.of() : List.copyOf(actors);
  }
}
