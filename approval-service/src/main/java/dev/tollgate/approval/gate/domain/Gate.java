package dev.tollgate.approval.gate.domain;

import dev.tollgate.approval.deployment.domain.CommandResult;
import dev.tollgate.approval.deployment.domain.Decision;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentEvent;
import dev.tollgate.approval.deployment.domain.EventHeader;
import dev.tollgate.approval.deployment.domain.Refusal;
import dev.tollgate.approval.policy.Actor;
import dev.tollgate.approval.policy.ApprovalContext;
import dev.tollgate.approval.policy.ApprovalPolicy;
import dev.tollgate.approval.policy.PolicyEvaluation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A stage gate of a running rollout (e.g. before a canary goes beyond 10 %): rollout-service
 * waits at it until approval-service decides. Decided through the same policy machinery as the
 * deployment (no self-approval, one person counts once, votes bound to digest and policy version,
 * approval-ttl) with the gate's own quorum. One rejection rejects.
 */
public final class Gate {

  private final String deploymentId;
  private final String name;
  private final int stepIndex;
  private final int currentWeight;
  private final Instant requestedAt;
  private final String requestEventId;
  private final List<Decision> votes;
  private GateStatus status;
  private Instant decidedAt;

  private Gate(String deploymentId, String name, int stepIndex, int currentWeight, Instant requestedAt,
      String requestEventId, GateStatus status, Instant decidedAt, List<Decision> votes) {
    this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
    this.name = Objects.requireNonNull(name, "name");
    this.stepIndex = stepIndex;
    this.currentWeight = currentWeight;
    this.requestedAt = Objects.requireNonNull(requestedAt, "requestedAt");
    this.requestEventId = Objects.requireNonNull(requestEventId, "requestEventId");
    this.status = Objects.requireNonNull(status, "status");
    this.decidedAt = decidedAt;
    this.votes = new ArrayList<>(votes);
  }

  /** rollout-service reached the gate and asks for a decision. */
  public static Gate requested(String deploymentId, String name, int stepIndex, int currentWeight, Instant at,
      String requestEventId) {
    return new Gate(deploymentId, name, stepIndex, currentWeight, at, requestEventId, GateStatus.PENDING, null,
        List.of());
  }

  public static Gate restore(String deploymentId, String name, int stepIndex, int currentWeight, Instant requestedAt,
      String requestEventId, GateStatus status, Instant decidedAt, List<Decision> votes) {
    return new Gate(deploymentId, name, stepIndex, currentWeight, requestedAt, requestEventId, status, decidedAt,
        votes);
  }

  /** Records an approval; on the gate's quorum the gate opens ({@code GateApproved}). */
  public CommandResult approve(Deployment deployment, Actor approver, String comment, ApprovalPolicy policy,
      Clock clock) {
    Instant now = now(clock);
    if (status != GateStatus.PENDING) {
      return closed("approved");
    }
    ApprovalContext context = context(deployment, policy, now);
    var ineligible = policy.checkApprover(approver, context);
    if (ineligible.isPresent()) {
      String message = ineligible.get().message();
      return new CommandResult.Refused(switch (ineligible.get().kind()) {
        case SELF_APPROVAL -> new Refusal.SelfApproval(message);
        case ALREADY_APPROVED -> new Refusal.DuplicateApproval(message);
        case MISSING_ROLE -> new Refusal.PolicyRefusal("approver-role", message);
        case BREAK_GLASS_NOT_ALLOWED -> new Refusal.NotPermitted(message);
      });
    }
    votes.add(new Decision.Approval(approver, now, comment, deployment.request().artifactDigest(), policy.version(),
        false));
    PolicyEvaluation evaluation = evaluate(deployment, policy, now);
    List<DeploymentEvent> events = new ArrayList<>();
    EventHeader voted = header(deployment, now, approver.name());
    events.add(new DeploymentEvent.GateApprovalGranted(voted, name, stepIndex, approver.name(),
        approver.sortedRoles(), deployment.request().artifactDigest(), policy.version(), comment, evaluation));
    if (evaluation.allowed()) {
      status = GateStatus.APPROVED;
      decidedAt = now;
      events.add(approvedEvent(deployment, policy, now, now, approver.name(), approver.sortedRoles()));
    }
    return new CommandResult.Accepted(events);
  }

  /** One rejection by an approver keeps the rollout from passing the gate ({@code GateRejected}). */
  public CommandResult reject(Deployment deployment, Actor approver, String reason, ApprovalPolicy policy,
      Clock clock) {
    Objects.requireNonNull(reason, "reason");
    Instant now = now(clock);
    if (status != GateStatus.PENDING) {
      return closed("rejected");
    }
    if (policy.approverRole() != null && !approver.hasRole(policy.approverRole())) {
      return new CommandResult.Refused(new Refusal.PolicyRefusal("approver-role",
          "policy " + policy.version() + " accepts gate rejections only from role " + policy.approverRole()));
    }
    votes.add(new Decision.Rejection(approver, now, reason));
    status = GateStatus.REJECTED;
    decidedAt = now;
    return new CommandResult.Accepted(List.of(new DeploymentEvent.GateRejected(
        header(deployment, now, approver.name()), name, stepIndex, approver.name(), reason, approver.sortedRoles(),
        evaluate(deployment, policy, now))));
  }

  /**
   * rollout-service asked again for a gate already decided (e.g. after a restart): the decision
   * is announced again so it does not wait for ever. Nothing to say while pending or abandoned.
   */
  public List<DeploymentEvent> reannounce(Deployment deployment, ApprovalPolicy policy, Clock clock) {
    Instant now = now(clock);
    if (status == GateStatus.APPROVED) {
      return List.of(approvedEvent(deployment, policy, decidedAt, now, Deployment.SYSTEM_ACTOR, List.of()));
    }
    if (status == GateStatus.REJECTED) {
      Decision.Rejection rejection = votes.stream().filter(v -> v instanceof Decision.Rejection)
          .map(v -> (Decision.Rejection) v).findFirst().orElseThrow();
      return List.of(new DeploymentEvent.GateRejected(header(deployment, now, Deployment.SYSTEM_ACTOR), name,
          stepIndex, rejection.actor().name(), rejection.reason(), rejection.actor().sortedRoles(),
          evaluate(deployment, policy, decidedAt)));
    }
    return List.of();
  }

  /** The rollout ended before the gate was decided. */
  public boolean abandon(Clock clock) {
    if (status != GateStatus.PENDING) {
      return false;
    }
    status = GateStatus.ABANDONED;
    decidedAt = now(clock);
    return true;
  }

  /** Every rule's result for the votes that count at {@code now}. */
  public PolicyEvaluation evaluate(Deployment deployment, ApprovalPolicy policy, Instant now) {
    return policy.evaluate(context(deployment, policy, now));
  }

  public ApprovalContext context(Deployment deployment, ApprovalPolicy policy, Instant now) {
    return policy.contextFor(deployment.requestedBy(), deployment.request().source().commitAuthor(),
        deployment.request().artifactDigest(), approvals().stream().map(Decision.Approval::cast).toList(), now);
  }

  private DeploymentEvent approvedEvent(Deployment deployment, ApprovalPolicy policy, Instant openedAt,
      Instant occurredAt, String actor, List<String> roles) {
    // approvers and verdict as when the gate opened (later expiry does not close an open gate)
    ApprovalContext opened = context(deployment, policy, openedAt);
    List<String> approvers = policy.countingApprovers(opened).stream().map(Actor::name).toList();
    return new DeploymentEvent.GateApproved(header(deployment, occurredAt, actor), name, stepIndex, approvers,
        policy.version(), roles, policy.evaluate(opened));
  }

  private CommandResult closed(String verb) {
    return new CommandResult.Refused(new Refusal.GateClosed(status.name(), "gate " + name + " at step " + stepIndex
        + " of deployment " + deploymentId + " is " + status + " and can no longer be " + verb));
  }

  private EventHeader header(Deployment deployment, Instant at, String actor) {
    var request = deployment.request();
    return new EventHeader(UUID.randomUUID(), at, actor, deploymentId, request.modelName(), request.modelVersion(),
        request.environment(), requestEventId);
  }

  private static Instant now(Clock clock) {
    return now(clock.instant());
  }

  private static Instant now(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }

  public String deploymentId() {
    return deploymentId;
  }

  public String name() {
    return name;
  }

  public int stepIndex() {
    return stepIndex;
  }

  public int currentWeight() {
    return currentWeight;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public String requestEventId() {
    return requestEventId;
  }

  public GateStatus status() {
    return status;
  }

  public Instant decidedAt() {
    return decidedAt;
  }

  public List<Decision> votes() {
    return List.copyOf(votes);
  }

  public List<Decision.Approval> approvals() {
    return votes.stream().filter(v -> v instanceof Decision.Approval).map(v -> (Decision.Approval) v).toList();
  }
}
