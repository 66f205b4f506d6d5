package dev.tollgate.approval.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval rules of one environment at one version: who may approve and how many approvals,
 * from which groups, make a quorum; how long approvals and requests live; when the environment is
 * frozen. Pure: answers with values.
 *
 * @param environment the environment it governs
 * @param version the policy version a decision is bound to (e.g. {@code production-v3})
 * @param approverRole role an approver must hold, or null for any authenticated person
 * @param rules the rules, all of which must pass
 * @param approvalTtl how long an approval counts, or null for as long as the request lives
 * @param requestTtl how long a request may wait for its quorum, or null for ever
 */
public record ApprovalPolicy(String environment, String version, String approverRole, List<PolicyRule> rules,
    Duration approvalTtl, Duration requestTtl) {

  /** The role that may override a freeze window with a break-glass approval. */
  public static final String BREAK_GLASS_ROLE = "admin";

  public ApprovalPolicy {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(version, "version");
    rules = List.copyOf(rules);
    if (rules.stream().noneMatch(r -> r instanceof PolicyRule.RequiredApprovals)) {
      throw new IllegalArgumentException("policy " + version + " needs a required-approvals rule");
    }
    requirePositive(approvalTtl, "approval-ttl");
    requirePositive(requestTtl, "request-ttl");
  }

  public ApprovalPolicy(String environment, String version, String approverRole, List<PolicyRule> rules) {
    this(environment, version, approverRole, rules, null, null);
  }

  /**
   * The usual shape: N approvals by the approver role, at least one from each required group,
   * never by the requester or the commit author.
   */
  public static ApprovalPolicy of(String environment, String version, int requiredApprovals, String approverRole,
      List<String> requiredGroups) {
    List<PolicyRule> rules = new ArrayList<>();
    rules.add(new PolicyRule.NoSelfApproval());
    rules.add(new PolicyRule.CurrentApprovals(null));
    rules.add(new PolicyRule.RequiredApprovals(requiredApprovals, approverRole));
    for (String group : requiredGroups) {
      rules.add(new PolicyRule.RequiredGroup(group, 1));
    }
    return new ApprovalPolicy(environment, version, approverRole, rules);
  }

  /** This policy with approvals that stop counting after {@code ttl} (null: never). */
  public ApprovalPolicy withApprovalTtl(Duration ttl) {
    List<PolicyRule> next = rules.stream()
        .map(r -> r instanceof PolicyRule.CurrentApprovals ? new PolicyRule.CurrentApprovals(ttl) : r).toList();
    return new ApprovalPolicy(environment, version, approverRole, next, ttl, requestTtl);
  }

  /** This policy with requests that expire {@code ttl} after they were made (null: never). */
  public ApprovalPolicy withRequestTtl(Duration ttl) {
    return new ApprovalPolicy(environment, version, approverRole, rules, approvalTtl, ttl);
  }

  /** This policy with freeze windows (replacing any it had). */
  public ApprovalPolicy withFreezes(FreezeCalendar calendar) {
    List<PolicyRule> next = new ArrayList<>(rules.stream().filter(r -> !(r instanceof PolicyRule.Freeze)).toList());
    if (!calendar.isEmpty()) {
      next.add(new PolicyRule.Freeze(environment, calendar));
    }
    return new ApprovalPolicy(environment, version, approverRole, next, approvalTtl, requestTtl);
  }

  public FreezeCalendar freezes() {
    return rules.stream().filter(r -> r instanceof PolicyRule.Freeze).map(r -> ((PolicyRule.Freeze) r).calendar())
        .findFirst().orElse(FreezeCalendar.NONE);
  }

  /** When a request made at {@code requestedAt} expires, or empty when requests do not. */
  public Optional<Instant> requestExpiry(Instant requestedAt) {
    return Optional.ofNullable(requestTtl).map(requestedAt::plus);
  }

  /**
   * The context to evaluate at {@code now}: approvals for another digest, under another policy
   * version, or older than the approval-ttl are set aside with the reason; the rest are current.
   */
  public ApprovalContext contextFor(String requester, String commitAuthor, String artifactDigest,
      List<CastApproval> approvals, Instant now) {
    List<Actor> current = new ArrayList<>();
    List<StaleApproval> stale = new ArrayList<>();
    Actor breakGlassBy = null;
    for (CastApproval approval : approvals) {
      String who = "approval by " + approval.approver().name();
      if (!approval.artifactDigest().equals(artifactDigest)) {
        stale.add(new StaleApproval(approval.approver(), StaleApproval.Reason.OTHER_DIGEST,
            who + " was given for artifact " + approval.artifactDigest() + ", not " + artifactDigest
                + "; it does not count"));
      } else if (!approval.policyVersion().equals(version)) {
        stale.add(new StaleApproval(approval.approver(), StaleApproval.Reason.OTHER_POLICY_VERSION,
            who + " was given under policy " + approval.policyVersion() + "; policy " + version
                + " is in force, so it does not count"));
      } else if (approvalTtl != null && !now.isBefore(approval.approvedAt().plus(approvalTtl))) {
        stale.add(new StaleApproval(approval.approver(), StaleApproval.Reason.EXPIRED,
            who + " expired at " + approval.approvedAt().plus(approvalTtl) + "; it no longer counts"));
      } else {
        current.add(approval.approver());
        if (approval.breakGlass() && breakGlassBy == null && approval.approver().hasRole(BREAK_GLASS_ROLE)) {
          breakGlassBy = approval.approver();
        }
      }
    }
    return new ApprovalContext(requester, commitAuthor, current, stale, now, breakGlassBy);
  }

  /** Whether this policy accepts an approval by {@code candidate} now; empty when it does. */
  public Optional<Ineligibility> checkApprover(Actor candidate, ApprovalContext context) {
    return checkApprover(candidate, context, false);
  }

  /**
   * Whether this policy accepts an approval by {@code candidate} now; empty when it does. A
   * break-glass approval must come from an admin; it stands in for the approver role.
   */
  public Optional<Ineligibility> checkApprover(Actor candidate, ApprovalContext context, boolean breakGlass) {
    if (candidate.isSamePersonAs(context.requester())) {
      return Optional.of(new Ineligibility(Ineligibility.Kind.SELF_APPROVAL,
          candidate.name() + " requested this deployment and may not approve it (self-approval)"));
    }
    if (candidate.isSamePersonAs(context.commitAuthor())) {
      return Optional.of(new Ineligibility(Ineligibility.Kind.SELF_APPROVAL,
          candidate.name() + " authored the commit being deployed and may not approve it (self-approval)"));
    }
    if (breakGlass && !candidate.hasRole(BREAK_GLASS_ROLE)) {
      return Optional.of(new Ineligibility(Ineligibility.Kind.BREAK_GLASS_NOT_ALLOWED,
          "only role " + BREAK_GLASS_ROLE + " may approve with break-glass"));
    }
    if (!breakGlass && approverRole != null && !candidate.hasRole(approverRole)) {
      return Optional.of(new Ineligibility(Ineligibility.Kind.MISSING_ROLE,
          "policy " + version + " accepts approvals only from role " + approverRole));
    }
    if (context.approvers().stream().anyMatch(a -> a.isSamePersonAs(candidate.name()))) {
      return Optional.of(new Ineligibility(Ineligibility.Kind.ALREADY_APPROVED,
          candidate.name() + " has already approved; one person counts once"));
    }
    return Optional.empty();
  }

  /** Every rule's result for the approvals so far. */
  public PolicyEvaluation evaluate(ApprovalContext context) {
    List<Actor> counting = countingApprovers(context);
    return new PolicyEvaluation(version, rules.stream().map(r -> r.evaluate(context, counting)).toList());
  }

  /**
   * The approvals that count: the first current approval of each person (names compared
   * case-insensitively), not by the requester or commit author, by holders of the approver role
   * or by the admin who broke the glass.
   */
  public List<Actor> countingApprovers(ApprovalContext context) {
    Map<String, Actor> firstByPerson = new LinkedHashMap<>();
    for (Actor approver : context.approvers()) {
      if (context.isSelf(approver)) {
        continue;
      }
      if (approverRole != null && !approver.hasRole(approverRole) && !context.brokeGlass(approver)) {
        continue;
      }
      firstByPerson.putIfAbsent(approver.name().trim().toLowerCase(Locale.ROOT), approver);
    }
    return List.copyOf(firstByPerson.values());
  }

  public int requiredApprovals() {
    return rules.stream().filter(r -> r instanceof PolicyRule.RequiredApprovals)
        .mapToInt(r -> ((PolicyRule.RequiredApprovals) r).count()).max().orElse(1);
  }

  public List<String> requiredGroups() {
    return rules.stream().filter(r -> r instanceof PolicyRule.RequiredGroup)
        .map(r -> ((PolicyRule.RequiredGroup) r).group()).toList();
  }

  private static void requirePositive(Duration ttl, String name) {
    if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
      throw new IllegalArgumentException(name + " must be positive, was " + ttl);
    }
  }
}
