package dev.tollgate.audit.decisions;

import java.time.Instant;
import java.util.List;

/**
 * One recorded approval decision: a single approver's (ApprovalGranted, ApprovalRejected), the
 * quorum's (DeploymentApproved, DeploymentRejected), or on a rollout gate a vote (GateApprovalGranted) or
 * the gate's decision (GateApproved, GateRejected).
 * {@code approvers} are the people who decided; {@code roles} the single approver's roles.
 */
public record ApprovalDecision(
    String eventId, String eventType, Instant occurredAt, String deploymentId, String modelVersion, String environment,
    String actor, List<String> approvers, List<String> roles, String policyVersion, String artifactDigest,
    String reason, Boolean breakGlass, String gate) {}
