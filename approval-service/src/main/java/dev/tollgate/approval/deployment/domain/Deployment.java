package dev.tollgate.approval.deployment.domain;

import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalCommented;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalExpired;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalGranted;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalRejected;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalRequested;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentApproved;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentRejected;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentRequested;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentSuperseded;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalWithdrawn;
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

  /** The actor of events approval-service causes on its own, such as expiry. */
  public static final String SYSTEM_ACTOR = "system:approval-service";

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
        request.artifactDigest(), policy.version(), strategy, request.profile(), requester.name(),
        policy.requestExpiry(now).orElse(null)));
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
    return approve(approver, comment, false, policy, clock);
  }

  /**
   * Records an approval; on quorum the deployment is approved in the same step. During a freeze
   * window the approval that would reach quorum is refused, unless an admin breaks the glass
   * (with a reason): that approval counts, lifts the freeze for this deployment, and every event
   * of the decision says so.
   */
  public CommandResult approve(Actor approver, String comment, boolean breakGlass, ApprovalPolicy policy,
      Clock clock) {
    Instant now = now(clock);
    Optional<Refusal> notPending = refuseUnlessOpen("approve", policy, now);
    if (notPending.isPresent()) {
      return new CommandResult.Refused(notPending.get());
    }
    ApprovalContext context = approvalContext(policy, now);
    var ineligible = policy.checkApprover(approver, context, breakGlass);
    if (ineligible.isPresent()) {
      String message = ineligible.get().message();
      return new CommandResult.Refused(switch (ineligible.get().kind()) {
        case SELF_APPROVAL -> new Refusal.SelfApproval(message);
        case ALREADY_APPROVED -> new Refusal.DuplicateApproval(message);
        case MISSING_ROLE -> new Refusal.PolicyRefusal("approver-role", message);
        case BREAK_GLASS_NOT_ALLOWED -> new Refusal.NotPermitted(message);
      });
    }
    var freeze = policy.freezes().at(now);
    if (breakGlass) {
      if (freeze.isEmpty()) {
        return new CommandResult.Refused(new Refusal.PolicyRefusal("break-glass", request.environment()
            + " is not frozen; break-glass only overrides a freeze window, approve as usual"));
      }
      if (comment == null || comment.isBlank()) {
        return new CommandResult.Refused(new Refusal.PolicyRefusal("break-glass",
            "a break-glass approval needs a reason"));
      }
    }
    PolicyEvaluation evaluation = policy.evaluate(context.with(approver, breakGlass));
    if (evaluation.quorumMet() && !evaluation.allowed() && freeze.isPresent()) {
      return new CommandResult.Refused(new Refusal.Frozen(freeze.get().until().toInstant(),
          freeze.get().describe(request.environment()) + "; this approval would reach quorum, so it is refused"
              + " (an admin may approve with breakGlass and a reason)"));
    }
    decisions.add(new Decision.Approval(approver, now, comment, request.artifactDigest(), policy.version(),
        breakGlass));
    ApprovalContext after = approvalContext(policy, now);
    List<DeploymentEvent> events = new ArrayList<>();
    UUID grantedId = UUID.randomUUID();
    events.add(new ApprovalGranted(header(grantedId, now, approver.name(), requestEventId), approver.name(),
        approver.sortedRoles(), request.artifactDigest(), policy.version(), comment, breakGlass, evaluation));
    if (evaluation.allowed()) {
      status = DeploymentStatus.APPROVED;
      List<String> approvers = policy.countingApprovers(after).stream().map(Actor::name).toList();
      events.add(new DeploymentApproved(header(UUID.randomUUID(), now, approver.name(), grantedId.toString()),
          request.artifactDigest(), policy.version(), approvers, strategy, request.profile(),
          after.breakGlassBy() != null, evaluation));
    }
    return new CommandResult.Accepted(events);
  }

  /** One rejection by an approver rejects the deployment. */
  public CommandResult reject(Actor approver, String reason, ApprovalPolicy policy, Clock clock) {
    Objects.requireNonNull(reason, "reason");
    Instant now = now(clock);
    Optional<Refusal> notPending = refuseUnlessOpen("reject", policy, now);
    if (notPending.isPresent()) {
      return new CommandResult.Refused(notPending.get());
    }
    if (policy.approverRole() != null && !approver.hasRole(policy.approverRole())) {
      return new CommandResult.Refused(new Refusal.PolicyRefusal("approver-role",
          "policy " + policy.version() + " accepts rejections only from role " + policy.approverRole()));
    }
    decisions.add(new Decision.Rejection(approver, now, reason));
    status = DeploymentStatus.REJECTED;
    UUID rejectedId = UUID.randomUUID();
    return new CommandResult.Accepted(List.of(
        new ApprovalRejected(header(rejectedId, now, approver.name(), requestEventId), approver.name(),
            approver.sortedRoles(), request.artifactDigest(), policy.version(), reason),
        new DeploymentRejected(header(UUID.randomUUID(), now, approver.name(), rejectedId.toString()),
            "rejected by " + approver.name() + ": " + reason, policy.evaluate(approvalContext(policy, now)))));
  }

  /** The requester, or an admin, takes a pending request back. */
  public CommandResult withdraw(Actor actor, String reason, Clock clock) {
    Optional<Refusal> notPending = refuseUnlessPending("withdraw");
    if (notPending.isPresent()) {
      return new CommandResult.Refused(notPending.get());
    }
    if (!actor.isSamePersonAs(requestedBy) && !actor.hasRole(ApprovalPolicy.BREAK_GLASS_ROLE)) {
      return new CommandResult.Refused(new Refusal.NotPermitted("only the requester " + requestedBy
          + " or role " + ApprovalPolicy.BREAK_GLASS_ROLE + " may withdraw deployment " + id));
    }
    Instant now = now(clock);
    decisions.add(new Decision.Withdrawal(actor, now, reason));
    status = DeploymentStatus.WITHDRAWN;
    return new CommandResult.Accepted(List.of(
        new ApprovalWithdrawn(header(UUID.randomUUID(), now, actor.name(), requestEventId), actor.name(), reason,
            actor.sortedRoles())));
  }

  /** A remark for the record, in any status; decides nothing. */
  public CommandResult comment(Actor author, String text, Clock clock) {
    Objects.requireNonNull(text, "text");
    Instant now = now(clock);
    decisions.add(new Decision.Comment(author, now, text));
    return new CommandResult.Accepted(List.of(
        new ApprovalCommented(header(UUID.randomUUID(), now, author.name(), requestEventId), author.name(), text)));
  }

  /**
   * Marks a pending request that outlived the policy's request-ttl as EXPIRED. Causes no event
   * (and changes nothing) when the request is decided or not yet due.
   */
  public CommandResult expire(ApprovalPolicy policy, Clock clock) {
    Instant now = now(clock);
    Optional<Instant> expiry = policy.requestExpiry(requestedAt);
    if (status.isDecided() || expiry.isEmpty() || now.isBefore(expiry.get())) {
      return new CommandResult.Accepted(List.of());
    }
    status = DeploymentStatus.EXPIRED;
    return new CommandResult.Accepted(List.of(
        new ApprovalExpired(header(UUID.randomUUID(), now, SYSTEM_ACTOR, requestEventId), null)));
  }

  /**
   * A newer request for the same model and environment replaces this pending one. Only one request
   * per model and environment waits for approvers at a time: approvers judge the latest artifact,
   * and an older approval can never start a stale rollout after a newer one.
   */
  public CommandResult supersede(Deployment newer, Clock clock) {
    Optional<Refusal> notPending = refuseUnlessPending("supersede");
    if (notPending.isPresent()) {
      return new CommandResult.Refused(notPending.get());
    }
    Instant now = now(clock);
    status = DeploymentStatus.SUPERSEDED;
    return new CommandResult.Accepted(List.of(new DeploymentSuperseded(
        header(UUID.randomUUID(), now, newer.requestedBy(), newer.requestEventId()), newer.id(),
        newer.request().modelVersion())));
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

  /** Every rule's result for the approvals that count at {@code now}. */
  public PolicyEvaluation evaluate(ApprovalPolicy policy, Instant now) {
    return policy.evaluate(approvalContext(policy, now));
  }

  /** The approvals as the policy sees them at {@code now}: current ones, and stale ones with the reason. */
  public ApprovalContext approvalContext(ApprovalPolicy policy, Instant now) {
    return policy.contextFor(requestedBy, request.source().commitAuthor(), request.artifactDigest(),
        approvals().stream().map(Decision.Approval::cast).toList(), now);
  }

  /** When the request expires under {@code policy}, if it does. */
  public Optional<Instant> expiresAt(ApprovalPolicy policy) {
    return policy.requestExpiry(requestedAt);
  }

  private Optional<Refusal> refuseUnlessOpen(String command, ApprovalPolicy policy, Instant now) {
    Optional<Refusal> notPending = refuseUnlessPending(command);
    if (notPending.isPresent()) {
      return notPending;
    }
    Optional<Instant> expiry = policy.requestExpiry(requestedAt);
    if (expiry.isPresent() && !now.isBefore(expiry.get())) {
      return Optional.of(new Refusal.Expired(expiry.get(), "deployment " + id + " expired at " + expiry.get()
          + " (request-ttl of policy " + policy.version() + "); request it again"));
    }
    return Optional.empty();
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
      case "withdraw" -> "withdrawn";
      case "supersede" -> "superseded";
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

  public Optional<Decision.Withdrawal> withdrawal() {
    return decisions.stream().filter(d -> d instanceof Decision.Withdrawal).map(d -> (Decision.Withdrawal) d)
        .findFirst();
  }

  public List<Decision.Comment> comments() {
    return decisions.stream().filter(d -> d instanceof Decision.Comment).map(d -> (Decision.Comment) d).toList();
  }

  public Optional<Decision.Rejection> rejection() {
    return decisions.stream().filter(d -> d instanceof Decision.Rejection).map(d -> (Decision.Rejection) d)
        .findFirst();
  }
}
