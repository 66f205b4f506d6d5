package dev.tollgate.approval.deployment.api;

import dev.tollgate.approval.deployment.domain.RolloutStrategy;
import dev.tollgate.approval.deployment.domain.StrategyKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A rollout strategy in its JSON form. */
public record StrategyBody(
    @NotNull StrategyKind kind,
    @NotEmpty @Size(max = 100) List<@NotNull @Valid StepBody> steps) {

  public RolloutStrategy toDomain() {
    return new RolloutStrategy(kind, steps.stream().map(StepBody::toDomain).toList());
  }

  public static StrategyBody of(RolloutStrategy strategy) {
    return new StrategyBody(strategy.kind(), strategy.steps().stream().map(StepBody::of).toList());
  }
}
