package dev.tollgate.strategy;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a {@link Strategy} is built from steps that break its rules. */
public class InvalidStrategyException extends IllegalArgumentException {

  private final transient List<StrategyViolation> violations;

  public InvalidStrategyException(List<StrategyViolation> violations) {
    super("invalid strategy: " + violations.stream().map(StrategyViolation::message).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  public List<StrategyViolation> violations() {
    return violations;
  }
}
