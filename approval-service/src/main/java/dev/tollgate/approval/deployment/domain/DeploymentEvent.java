package dev.tollgate.approval.deployment.domain;

import dev.tollgate.approval.policy.PolicyEvaluation;
import java.time.Instant;
import java.util.List;

/** What happened to a deployment, as the aggregates report it. Adapters turn these into Avro. */
public sealed interface DeploymentEvent {

  EventHeader header();

  /** A request accepted over REST; a request read from the topic is not repeated. */
  record DeploymentRequested(EventHeader header, String artifactDigest, ArtifactSource source,
      RolloutStrategy requestedStrategy, DeploymentProfile profile, String idempotencyKey)
      implements DeploymentEvent {}

  /** The deployment waits for approvals under a policy version, until {@code expiresAt} (null: no limit). */
  record ApprovalRequested(EventHeader header, String artifactDigest, String policyVersion,
      RolloutStrategy strategy, DeploymentProfile profile, String requestedBy, Instant expiresAt)
      implements DeploymentEvent {}

  /** @param breakGlass an admin's approval overriding a freeze; {@code comment} is then the reason */
  record ApprovalGranted(EventHeader header, String approver, List<String> roles, String artifactDigest,
      String policyVersion, String comment, boolean breakGlass, PolicyEvaluation evaluation)
      implements DeploymentEvent {}

  record ApprovalRejected(EventHeader header, String approver, List<String> roles, String artifactDigest,
      String policyVersion, String reason) implements DeploymentEvent {}

  /** @param roles the withdrawer's roles (the requester's, or admin) */
  record ApprovalWithdrawn(EventHeader header, String withdrawnBy, String reason, List<String> roles)
      implements DeploymentEvent {}

  /** @param approver whose approval expired, or null when the whole request did */
  record ApprovalExpired(EventHeader header, String approver) implements DeploymentEvent {}

  record ApprovalCommented(EventHeader header, String author, String comment) implements DeploymentEvent {}

  /**
   * Quorum reached: the rollout may start, bound to this digest and policy version.
   *
   * @param breakGlass the approval relied on an admin's override of a freeze window
   */
  record DeploymentApproved(EventHeader header, String artifactDigest, String policyVersion,
      List<String> approvers, RolloutStrategy strategy, DeploymentProfile profile, boolean breakGlass,
      PolicyEvaluation evaluation) implements DeploymentEvent {}

  record DeploymentRejected(EventHeader header, String reason, PolicyEvaluation evaluation)
      implements DeploymentEvent {}

  /** A newer request for the same model and environment replaced this pending one. */
  record DeploymentSuperseded(EventHeader header, String supersededByDeploymentId, String supersededByVersion)
      implements DeploymentEvent {}

  /**
   * One approver's vote on the gate at {@code stepIndex}, with every rule's result after it;
   * {@link GateApproved} follows when it reaches the gate's quorum.
   */
  record GateApprovalGranted(EventHeader header, String gate, int stepIndex, String approver, List<String> roles,
      String artifactDigest, String policyVersion, String comment, PolicyEvaluation evaluation)
      implements DeploymentEvent {}

  /**
   * A rollout may pass the gate at {@code stepIndex}: its quorum approved.
   *
   * @param roles the roles of the approver whose vote opened the gate (none when re-announced)
   */
  record GateApproved(EventHeader header, String gate, int stepIndex, List<String> approvers, String policyVersion,
      List<String> roles, PolicyEvaluation evaluation) implements DeploymentEvent {}

  /** The rollout may not pass the gate at {@code stepIndex}; {@code roles} are the rejecter's. */
  record GateRejected(EventHeader header, String gate, int stepIndex, String rejectedBy, String reason,
      List<String> roles, PolicyEvaluation evaluation) implements DeploymentEvent {}
}
