package dev.tollgate.approval.policy;

import java.util.List;
import java.util.stream.Collectors;

/** Every rule's result under one policy version; allowed when all rules pass. */
public record PolicyEvaluation(String policyVersion, List<RuleResult> results) {

  public PolicyEvaluation {
    results = List.copyOf(results);
  }

  public boolean allowed() {
    return results.stream().allMatch(RuleResult::passed);
  }

  /**
   * Every rule but the freeze passes: enough of the right people approved. With an active freeze
   * the quorum may be met while the deployment is still not allowed.
   */
  public boolean quorumMet() {
    return results.stream().filter(r -> !PolicyRule.Freeze.ID.equals(r.rule())).allMatch(RuleResult::passed);
  }

  public boolean blocked() {
    return !allowed();
  }

  public List<RuleResult> failures() {
    return results.stream().filter(r -> !r.passed()).toList();
  }

  /** The failed rules' messages joined, or "all rules passed". */
  public String summary() {
    return allowed()
        ? "all rules of policy " + policyVersion + " passed"
        : failures().stream().map(RuleResult::message).collect(Collectors.joining("; "));
  }
}
