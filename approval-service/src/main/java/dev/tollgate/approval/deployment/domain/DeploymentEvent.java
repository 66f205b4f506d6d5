package dev.tollgate.approval.deployment.domain;

import dev.tollgate.approval.policy.PolicyEvaluation;
import java.time.Instant;
import java.util.List;

/** What happened to a deployment, as the aggregate reports it. Adapters turn these into Avro. */
public sealed interface DeploymentEvent {

  EventHeader header();

  /** A request accepted over REST; a request read from the topic is not repeated. */
  record DeploymentRequested(EventHeader header, String artifactDigest, ArtifactSource source,
      RolloutStrategy requestedStrategy, DeploymentProfile profile, String idempotencyKey)
      implements DeploymentEvent {}

  /** The deployment waits for approvals under a policy version. */
  record ApprovalRequested(EventHeader header, String artifactDigest, String policyVersion,
      RolloutStrategy strategy, DeploymentProfile profile, String requestedBy, Instant expiresAt)
      implements DeploymentEvent {}

  record ApprovalGranted(EventHeader header, String approver, List<String> roles, String artifactDigest,
      String policyVersion, String comment, PolicyEvaluation evaluation) implements DeploymentEvent {}

  record ApprovalRejected(EventHeader header, String approver, List<String> roles, String artifactDigest,
      String policyVersion, String reason) implements DeploymentEvent {}

  /** Quorum reached: the rollout may start, bound to this digest and policy version. */
  record DeploymentApproved(EventHeader header, String artifactDigest, String policyVersion,
      List<String> approvers, RolloutStrategy strategy, DeploymentProfile profile, PolicyEvaluation evaluation)
      implements DeploymentEvent {}

  record DeploymentRejected(EventHeader header, String reason, PolicyEvaluation evaluation)
      implements DeploymentEvent {}
}
