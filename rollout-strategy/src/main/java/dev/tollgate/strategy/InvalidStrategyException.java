package dev.tollgate.strategy;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a {@link Strategy} is built from steps that break its rules. */
public class InvalidStrategyException extends IllegalArgumentException {

  private final transient List<StrategyViolation> violations;

  public InvalidStrategyException(List<StrategyViolation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  /** E.g. {@code invalid strategy: step 1 (preview): ...; step 2 (analysis): ...}: intake's and a rollout's wording. */
  public static String describe(List<StrategyViolation> violations) {
    return "invalid strategy: " + violations.stream().map(StrategyViolation::message).collect(Collectors.joining("; "));
  }

  public List<StrategyViolation> violations() {
    return violations;
  }
}
