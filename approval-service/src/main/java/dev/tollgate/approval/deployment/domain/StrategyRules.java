package dev.tollgate.approval.deployment.domain;

import dev.tollgate.strategy.Strategy;
import dev.tollgate.strategy.StrategyViolation;
import java.time.Duration;
import java.util.List;

/**
 * A request's strategy judged by the rules rollout-service runs it by ({@link Strategy#validate}),
 * so intake refuses what the rollout would refuse later. Only maps: the rules live in
 * rollout-strategy.
 */
final class StrategyRules {

  private StrategyRules() {}

  static List<StrategyViolation> violations(RolloutStrategy strategy) {
    return Strategy.validate(dev.tollgate.strategy.StrategyKind.valueOf(strategy.kind().name()),
        strategy.steps().stream().map(StrategyRules::step).toList());
  }

  private static dev.tollgate.strategy.Step step(Step step) {
    if (step instanceof Step.SetWeight s) {
      return new dev.tollgate.strategy.Step.SetWeight(s.weight());
    }
    if (step instanceof Step.Pause p) {
      return new dev.tollgate.strategy.Step.Pause(p.durationSeconds() == null ? null : seconds(p.durationSeconds()));
    }
    if (step instanceof Step.Gate g) {
      return new dev.tollgate.strategy.Step.Gate(g.name());
    }
    if (step instanceof Step.Analysis a) {
      Step.Thresholds t = a.thresholds();
      return new dev.tollgate.strategy.Step.Analysis(
          new dev.tollgate.strategy.Step.Thresholds(t.maxErrorRate(), t.maxP99LatencyMs(),
              t.maxErrorRateIncreaseOverBaseline(), t.customMetricMax(), t.minSampleCount()),
          seconds(a.intervalSeconds()), a.count(), a.failureLimit());
    }
    if (step instanceof Step.Preview p) {
      return new dev.tollgate.strategy.Step.Preview(p.replicas());
    }
    if (step instanceof Step.Switch) {
      return new dev.tollgate.strategy.Step.Switch();
    }
    if (step instanceof Step.ScaleDown s) {
      return new dev.tollgate.strategy.Step.ScaleDown(seconds(s.delaySeconds()));
    }
    Step.Experiment e = (Step.Experiment) step;
    return new dev.tollgate.strategy.Step.Experiment(e.candidateWeight(), seconds(e.durationSeconds()), e.metric(),
        e.significance(), e.promoteWinner());
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
