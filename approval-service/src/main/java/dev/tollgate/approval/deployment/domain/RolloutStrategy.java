package dev.tollgate.approval.deployment.domain;

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
}
