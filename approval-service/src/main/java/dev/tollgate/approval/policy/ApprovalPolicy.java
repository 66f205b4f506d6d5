package dev.tollgate.approval.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval rules of one environment at one version: who may approve and how many approvals,
 * from which groups, make a quorum. Pure: answers with values.
 *
 * @param environment the environment it governs
 * @param version the policy version a decision is bound to (e.g. {@code production-v3})
 * @param approverRole role an approver must hold, or null for any authenticated person
 * @param rules the quorum rules, all of which must pass
 */
public record ApprovalPolicy(String environment, String version, String approverRole, List<PolicyRule> rules) {

  public ApprovalPolicy {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(version, "version");
    rules = List.copyOf(rules);
    if (rules.stream().noneMatch(r -> r instanceof PolicyRule.RequiredApprovals)) {
      throw new IllegalArgumentException("policy " + version + " needs a required-approvals rule");
    }
  }

  /**
   * The usual shape: N approvals by the approver role, at least one from each required group,
   * never by the requester or the commit author.
   */
  public static ApprovalPolicy of(String environment, String version, int requiredApprovals, String approverRole,
      List<String> requiredGroups) {
    List<PolicyRule> rules = new ArrayList<>();
    rules.add(new PolicyRule.NoSelfApproval());
    rules.add(new PolicyRule.RequiredApprovals(requiredApprovals, approverRole));
    for (String group : requiredGroups) {
      rules.add(new PolicyRule.RequiredGroup(group, 1));
    }
    return new ApprovalPolicy(environment, version, approverRole, rules);
  }

  /** Whether this policy accepts an approval by {@code candidate} now; empty when it does. */
  public Optional<Ineligibility> checkApprover(Actor candidate, ApprovalContext context) {
    if (candidate.isSamePersonAs(context.requester())) {
      return Optional.of(new Ineligibility(Ineligibility.Kind.SELF_APPROVAL,
          candidate.name() + " requested this deployment and may not approve it (self-approval)"));
    }
    if (candidate.isSamePersonAs(context.commitAuthor())) {
      return Optional.of(new Ineligibility(Ineligibility.Kind.SELF_APPROVAL,
          candidate.name() + " authored the commit being deployed and may not approve it (self-approval)"));
    }
    if (approverRole != null && !candidate.hasRole(approverRole)) {
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
   * The approvals that count: the first approval of each person (names compared case-insensitively),
   * not by the requester or commit author, by holders of the approver role.
   */
  public List<Actor> countingApprovers(ApprovalContext context) {
    Map<String, Actor> firstByPerson = new LinkedHashMap<>();
    for (Actor approver : context.approvers()) {
      if (context.isSelf(approver)) {
        continue;
      }
      if (approverRole != null && !approver.hasRole(approverRole)) {
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
}
