package dev.tollgate.approval.deployment.domain;

import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalGranted;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalRejected;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalRequested;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentApproved;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentRejected;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentRequested;
import dev.tollgate.approval.policy.Actor;
import dev.tollgate.approval.policy.ApprovalContext;
import dev.tollgate.approval.policy.ApprovalPolicy;
import dev.tollgate.approval.policy.PolicyEvaluation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One request to deploy a model version to an environment, and the decisions on it. Guards its
 * invariants: decisions only while pending, no self-approval, one person counts once, approved
 * exactly when the policy's quorum is met, one rejection rejects.
 */
public final class Deployment {

  private final String id;
  private final DeploymentRequest request;
  private final RolloutStrategy strategy;
  private final String requestedBy;
  private final Instant requestedAt;
  private final String policyVersion;
  private final String requestEventId;
  private final List<Decision> decisions;
  private DeploymentStatus status;

  private Deployment(String id, DeploymentRequest request, RolloutStrategy strategy, String requestedBy,
      Instant requestedAt, String policyVersion, String requestEventId, DeploymentStatus status,
      List<Decision> decisions) {
    this.id = Objects.requireNonNull(id, "id");
    this.request = Objects.requireNonNull(request, "request");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.requestedBy = Objects.requireNonNull(requestedBy, "requestedBy");
    this.requestedAt = Objects.requireNonNull(requestedAt, "requestedAt");
    this.policyVersion = Objects.requireNonNull(policyVersion, "policyVersion");
    this.requestEventId = Objects.requireNonNull(requestEventId, "requestEventId");
    this.status = Objects.requireNonNull(status, "status");
    this.decisions = new ArrayList<>(decisions);
  }

  /** A new deployment and the events announcing it. */
  public record Submission(Deployment deployment, List<DeploymentEvent> events) {}

  /**
   * Accepts a request under the environment's policy and default strategy.
   *
   * @param id the deployment id (minted by us for REST, chosen by CI on the topic)
   */
  public static Submission submit(String id, DeploymentRequest request, Actor requester,
      EnvironmentSettings environment, Intake intake, Clock clock) {
    if (!environment.name().equals(request.environment())) {
      throw new IllegalArgumentException("settings of " + environment.name() + " given for a request to "
          + request.environment());
    }
    Instant now = now(clock);
    RolloutStrategy strategy = request.strategy() != null ? request.strategy() : environment.defaultStrategy();
    ApprovalPolicy policy = environment.policy();
    List<DeploymentEvent> events = new ArrayList<>();
    String requestEventId;
    if (intake instanceof Intake.Topic topic) {
      requestEventId = topic.requestEventId();
    } else {
      requestEventId = Intake.newEventId();
    }
    Deployment deployment = new Deployment(id, request, strategy, requester.name(), now, policy.version(),
        requestEventId, DeploymentStatus.PENDING_APPROVAL, List.of());
    if (intake instanceof Intake.Rest) {
      events.add(new DeploymentRequested(deployment.header(UUID.fromString(requestEventId), now,
          requester.name(), null), request.artifactDigest(), request.source(), request.strategy(),
          request.profile(), request.idempotencyKey()));
    }
    events.add(new ApprovalRequested(deployment.header(UUID.randomUUID(), now, requester.name(), requestEventId),
        request.artifactDigest(), policy.version(), strategy, request.profile(), requester.name(), null));
    return new Submission(deployment, events);
  }

  /** Rebuilds a stored deployment. */
  public static Deployment restore(String id, DeploymentRequest request, RolloutStrategy strategy,
      String requestedBy, Instant requestedAt, String policyVersion, String requestEventId,
      DeploymentStatus status, List<Decision> decisions) {
    return new Deployment(id, request, strategy, requestedBy, requestedAt, policyVersion, requestEventId, status,
        decisions);
  }

  /** Records an approval; on quorum the deployment is approved in the same step. */
  public CommandResult approve(Actor approver, String comment, ApprovalPolicy policy, Clock clock) {
    Optional<Refusal> notPending = refuseUnlessPending("approve");
    if (notPending.isPresent()) {
      return new CommandResult.Refused(notPending.get());
    }
    ApprovalContext context = approvalContext();
    var ineligible = policy.checkApprover(approver, context);
    if (ineligible.isPresent()) {
      String message = ineligible.get().message();
      return new CommandResult.Refused(switch (ineligible.get().kind()) {
        case SELF_APPROVAL -> new Refusal.SelfApproval(message);
        case ALREADY_APPROVED -> new Refusal.DuplicateApproval(message);
        case MISSING_ROLE -> new Refusal.PolicyRefusal(message);
      });
    }
    Instant now = now(clock);
    decisions.add(new Decision.Approval(approver, now, comment));
    PolicyEvaluation evaluation = policy.evaluate(approvalContext());
    List<DeploymentEvent> events = new ArrayList<>();
    UUID grantedId = UUID.randomUUID();
    events.add(new ApprovalGranted(header(grantedId, now, approver.name(), requestEventId), approver.name(),
        approver.sortedRoles(), request.artifactDigest(), policy.version(), comment, evaluation));
    if (evaluation.allowed()) {
      status = DeploymentStatus.APPROVED;
      List<String> approvers = policy.countingApprovers(approvalContext()).stream().map(Actor::name).toList();
      events.add(new DeploymentApproved(header(UUID.randomUUID(), now, approver.name(), grantedId.toString()),
          request.artifactDigest(), policy.version(), approvers, strategy, request.profile(), evaluation));
    }
    return new CommandResult.Accepted(events);
  }

  /** One rejection by an approver rejects the deployment. */
  public CommandResult reject(Actor approver, String reason, ApprovalPolicy policy, Clock clock) {
    Objects.requireNonNull(reason, "reason");
    Optional<Refusal> notPending = refuseUnlessPending("reject");
    if (notPending.isPresent()) {
      return new CommandResult.Refused(notPending.get());
    }
    if (policy.approverRole() != null && !approver.hasRole(policy.approverRole())) {
      return new CommandResult.Refused(new Refusal.PolicyRefusal(
          "policy " + policy.version() + " accepts rejections only from role " + policy.approverRole()));
    }
    Instant now = now(clock);
    decisions.add(new Decision.Rejection(approver, now, reason));
    status = DeploymentStatus.REJECTED;
    UUID rejectedId = UUID.randomUUID();
    return new CommandResult.Accepted(List.of(
        new ApprovalRejected(header(rejectedId, now, approver.name(), requestEventId), approver.name(),
            approver.sortedRoles(), request.artifactDigest(), policy.version(), reason),
        new DeploymentRejected(header(UUID.randomUUID(), now, approver.name(), rejectedId.toString()),
            "rejected by " + approver.name() + ": " + reason, policy.evaluate(approvalContext()))));
  }

  /**
   * CI withdrew the request. The cancellation record on the requests topic is the announcement,
   * so this causes no event of its own.
   */
  public CommandResult cancel(String actor, String reason) {
    Optional<Refusal> notPending = refuseUnlessPending("cancel");
    if (notPending.isPresent()) {
      return new CommandResult.Refused(notPending.get());
    }
    status = DeploymentStatus.CANCELLED;
    return new CommandResult.Accepted(List.of());
  }

  /** Every rule's result for the approvals so far. */
  public PolicyEvaluation evaluate(ApprovalPolicy policy) {
    return policy.evaluate(approvalContext());
  }

  public ApprovalContext approvalContext() {
    return new ApprovalContext(requestedBy, request.source().commitAuthor(), approvals().stream()
        .map(Decision.Approval::actor).toList());
  }

  private Optional<Refusal> refuseUnlessPending(String command) {
    if (status.isDecided()) {
      return Optional.of(new Refusal.AlreadyDecided(status,
          "deployment " + id + " is " + status + " and can no longer be " + pastTense(command)));
    }
    return Optional.empty();
  }

  private static String pastTense(String command) {
    return switch (command) {
      case "approve" -> "approved";
      case "reject" -> "rejected";
      default -> command + "led";
    };
  }

  /** Millisecond precision: what the Avro timestamps and the store keep, so reads equal writes. */
  private static Instant now(Clock clock) {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  private EventHeader header(UUID eventId, Instant at, String actor, String causationId) {
    return new EventHeader(eventId, at, actor, id, request.modelName(), request.modelVersion(),
        request.environment(), causationId);
  }

  public String id() {
    return id;
  }

  public DeploymentRequest request() {
    return request;
  }

  /** The strategy that will run: the request's own or the environment's default. */
  public RolloutStrategy strategy() {
    return strategy;
  }

  public String requestedBy() {
    return requestedBy;
  }

  public Instant requestedAt() {
    return requestedAt;
  }

  public String policyVersion() {
    return policyVersion;
  }

  /** The event id of the request: ours for REST, CI's for the topic. */
  public String requestEventId() {
    return requestEventId;
  }

  public DeploymentStatus status() {
    return status;
  }

  public List<Decision> decisions() {
    return List.copyOf(decisions);
  }

  public List<Decision.Approval> approvals() {
    return decisions.stream().filter(d -> d instanceof Decision.Approval).map(d -> (Decision.Approval) d).toList();
  }

  public Optional<Decision.Rejection> rejection() {
    return decisions.stream().filter(d -> d instanceof Decision.Rejection).map(d -> (Decision.Rejection) d)
        .findFirst();
  }
}
