package dev.tollgate.approval.policy;

import java.util.Objects;

/**
 * One rule's verdict in words a person can read, e.g. "needs 1 more approval from group sre".
 *
 * @param rule a stable rule id, e.g. {@code required-group:sre}
 */
public record RuleResult(String rule, boolean passed, String message) {

  public RuleResult {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  static RuleResult pass(String rule, String message) {
    return new RuleResult(rule, true, message);
  }

  static RuleResult fail(String rule, String message) {
    return new RuleResult(rule, false, message);
  }
}
