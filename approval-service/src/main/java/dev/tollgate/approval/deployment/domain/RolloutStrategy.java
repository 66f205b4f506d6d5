package dev.tollgate.approval.deployment.domain;

import dev.tollgate.strategy.InvalidStrategyException;
import dev.tollgate.strategy.StrategyViolation;
import java.util.List;
import java.util.Objects;

/** An ordered list of steps of one kind of rollout. */
public record RolloutStrategy(StrategyKind kind, List<Step> steps) {

  public RolloutStrategy {
    Objects.requireNonNull(kind, "kind");
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a strategy needs at least one step");
    }
  }

  /**
   * Every rule of rollout-service's strategy rules that this strategy breaks, each naming its step;
   * empty when rollout-service can run it. (Not checked on construction: deployments stored before
   * intake checked the rules must still load.)
   */
  public List<StrategyViolation> violations() {
    return StrategyRules.violations(this);
  }

  /**
   * @return this strategy
   * @throws InvalidStrategyException listing every {@link #violations() violation}
   */
  public RolloutStrategy requireValid() {
    List<StrategyViolation> violations = violations();
    if (!violations.isEmpty()) {
      throw new InvalidStrategyException(violations);
    }
    return this;
  }
}
