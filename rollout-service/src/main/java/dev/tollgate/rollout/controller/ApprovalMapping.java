package dev.tollgate.rollout.controller;

import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.GateApproved;
import dev.tollgate.events.GateRejected;
import dev.tollgate.rollout.strategy.ApprovedDeployment;
import dev.tollgate.rollout.strategy.DeploymentRef;
import dev.tollgate.rollout.strategy.GateDecision;
import java.util.List;
import java.util.Optional;

/** Reads the approvals the controller acts on. */
final class ApprovalMapping {

  private ApprovalMapping() {}

  /** The approved deployment, when the event is a {@code DeploymentApproved} tied to a deployment. */
  static Optional<ApprovedDeployment> approved(ApprovalEvent event) {
    if (!(event.getPayload() instanceof DeploymentApproved approved)) {
      return Optional.empty();
    }
    Envelope envelope = event.getEnvelope();
    if (envelope.getDeploymentId() == null) {
      return Optional.empty();
    }
    DeploymentRef ref = new DeploymentRef(envelope.getDeploymentId(), envelope.getModelName(),
        envelope.getModelVersion(), envelope.getEnvironment());
    return Optional.of(new ApprovedDeployment(envelope.getEventId(), ref, approved.getArtifactDigest(),
        approved.getPolicyVersion(), approved.getApprovers(),
        StrategyMapping.kind(approved.getStrategy().getKind()), StrategyMapping.steps(approved.getStrategy())));
  }

  /** A gate's decision ({@code GateApproved} or {@code GateRejected}) tied to a deployment; single votes are not. */
  static Optional<GateDecision> gateDecision(ApprovalEvent event) {
    Envelope envelope = event.getEnvelope();
    if (envelope.getDeploymentId() == null) {
      return Optional.empty();
    }
    if (event.getPayload() instanceof GateApproved approved) {
      return Optional.of(new GateDecision(envelope.getEventId(), envelope.getDeploymentId(), approved.getGate(),
          approved.getStepIndex(), true, approved.getApprovers(), null));
    }
    if (event.getPayload() instanceof GateRejected rejected) {
      return Optional.of(new GateDecision(envelope.getEventId(), envelope.getDeploymentId(), rejected.getGate(),
          rejected.getStepIndex(), false, List.of(rejected.getRejectedBy()), rejected.getReason()));
    }
    return Optional.empty();
  }
}
