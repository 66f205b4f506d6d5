package dev.tollgate.approval.deployment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.strategy.InvalidStrategyException;
import dev.tollgate.strategy.StrategyViolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request's strategy is judged by rollout-service's rules, every kind of step mapped. */
class RolloutStrategyTest {

  static final Step.Thresholds THRESHOLDS = new Step.Thresholds(0.05, 500.0, null, Map.of(), 10);

  @Test
  void aStrategyRolloutServiceRunsHasNoViolations() {
    var canary = new RolloutStrategy(StrategyKind.CANARY, List.of(new Step.SetWeight(20), new Step.Pause(60L),
        new Step.Gate("widen"), new Step.Analysis(THRESHOLDS, 30, 3, 1), new Step.Pause(null),
        new Step.Experiment(50, 600, "higher:conversion", 0.05, true), new Step.SetWeight(100)));
    var blueGreen = new RolloutStrategy(StrategyKind.BLUE_GREEN, List.of(new Step.Preview(2),
        new Step.Analysis(THRESHOLDS, 30, 2, 0), new Step.Switch(), new Step.ScaleDown(0)));

    assertThat(canary.violations()).isEmpty();
    assertThat(blueGreen.violations()).isEmpty();
    assertThat(canary.requireValid()).isSameAs(canary);
  }

  @Test
  void secondsAreMappedSoZeroIsNoDuration() {
    var strategy = new RolloutStrategy(StrategyKind.AB, List.of(new Step.Pause(0L),
        new Step.Analysis(THRESHOLDS, 0, 1, 0), new Step.Experiment(50, 0, "higher:error_rate", 0.05, false)));

    assertThat(strategy.violations()).extracting(StrategyViolation::message).containsExactly(
        "step 0 (pause): duration must be positive (omit it to pause until resumed)",
        "step 1 (analysis): interval must be positive",
        "step 2 (experiment): duration must be positive",
        "step 2 (experiment): error_rate is lower-is-better; 'higher:' is for custom metrics");
  }

  @Test
  void requireValidThrowsWithEveryViolation() {
    var strategy = new RolloutStrategy(StrategyKind.BLUE_GREEN, List.of(new Step.Switch(), new Step.Preview(null),
        new Step.SetWeight(10)));

    assertThatThrownBy(strategy::requireValid)
        .isInstanceOfSatisfying(InvalidStrategyException.class, e -> assertThat(e.violations())
            .extracting(StrategyViolation::stepIndex).containsExactly(2, 1))
        .hasMessage("invalid strategy: step 2 (setWeight): does not belong to a BLUE_GREEN strategy (use switch); "
            + "step 1 (preview): a preview must come before the switch (step 0)");
  }
}
