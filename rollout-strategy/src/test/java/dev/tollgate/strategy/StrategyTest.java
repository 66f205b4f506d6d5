package dev.tollgate.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyTest {

  private static List<String> violations(StrategyKind kind, Step... steps) {
    return Strategy.validate(kind, Arrays.asList(steps)).stream().map(StrategyViolation::message).toList();
  }

  @Test
  void acceptsTheWalkingSkeletonCanary() {
    Strategy strategy = Strategy.of(StrategyKind.CANARY, new Step.SetWeight(20), Step.Pause.of(Duration.ofSeconds(1)),
        new Step.SetWeight(50), new Step.SetWeight(100));

    assertThat(strategy.size()).isEqualTo(4);
    assertThat(strategy.step(1)).isEqualTo(new Step.Pause(Duration.ofSeconds(1)));
  }

  @Test
  void namesTheStepIndexAndReason() {
    assertThat(violations(StrategyKind.CANARY, new Step.SetWeight(20), new Step.SetWeight(120),
        new Step.Pause(Duration.ZERO)))
        .containsExactly("step 1 (setWeight): weight must be between 0 and 100, was 120",
            "step 2 (pause): duration must be positive (omit it to pause until resumed)");
  }

  @Test
  void constructorThrowsWithEveryViolation() {
    assertThatThrownBy(() -> Strategy.of(StrategyKind.CANARY, new Step.SetWeight(-1), new Step.Gate(" ")))
        .isInstanceOf(InvalidStrategyException.class)
        .hasMessage("invalid strategy: step 0 (setWeight): weight must be between 0 and 100, was -1; "
            + "step 1 (gate): gate name is required")
        .satisfies(e -> assertThat(((InvalidStrategyException) e).violations()).extracting(StrategyViolation::stepIndex)
            .containsExactly(0, 1));
  }

  @Test
  void needsAKindAndSteps() {
    assertThat(violations(null)).containsExactly("strategy kind is required", "a strategy needs at least one step");
    assertThat(violations(StrategyKind.UNKNOWN, new Step.SetWeight(10)))
        .containsExactly("strategy kind is unknown to this version of rollout-service");
    assertThat(violations(StrategyKind.CANARY, (Step) null)).containsExactly("step 0: step is missing");
  }

  @Test
  void checksAnalysisParameters() {
    Step.Analysis noThresholds = new Step.Analysis(new Step.Thresholds(null, null, null, Map.of(), 1),
        Duration.ofSeconds(30), 1, 0);
    Step.Analysis badNumbers = new Step.Analysis(new Step.Thresholds(1.5, null, null, Map.of(), 0),
        Duration.ZERO, 2, 2);

    assertThat(violations(StrategyKind.CANARY, noThresholds))
        .containsExactly("step 0 (analysis): at least one threshold must be set");
    assertThat(violations(StrategyKind.CANARY, badNumbers)).containsExactly(
        "step 0 (analysis): maxErrorRate must be between 0 and 1",
        "step 0 (analysis): minSampleCount must be at least 1",
        "step 0 (analysis): interval must be positive",
        "step 0 (analysis): failureLimit must be between 0 and count - 1");
  }

  @Test
  void keepsBlueGreenStepsOutOfCanaryAndBack() {
    assertThat(violations(StrategyKind.CANARY, new Step.SetWeight(10), new Step.Switch()))
        .containsExactly("step 1 (switch): belongs to a BLUE_GREEN strategy, not CANARY");
    assertThat(violations(StrategyKind.BLUE_GREEN, new Step.Preview(null), new Step.SetWeight(10), new Step.Switch()))
        .containsExactly("step 1 (setWeight): does not belong to a BLUE_GREEN strategy (use switch)");
  }

  @Test
  void blueGreenNeedsOneSwitchWithPreviewBeforeAndScaleDownAfter() {
    assertThat(violations(StrategyKind.BLUE_GREEN, new Step.Preview(2)))
        .containsExactly("a BLUE_GREEN strategy needs exactly one switch step, has 0");
    assertThat(violations(StrategyKind.BLUE_GREEN, new Step.ScaleDown(Duration.ZERO), new Step.Switch(),
        new Step.Preview(1)))
        .containsExactly("step 2 (preview): a preview must come before the switch (step 1)",
            "step 0 (scaleDown): a scale-down must come after the switch (step 1)");
    assertThat(violations(StrategyKind.BLUE_GREEN, new Step.Preview(1), new Step.Switch(),
        new Step.ScaleDown(Duration.ofSeconds(30)))).isEmpty();
  }

  @Test
  void abNeedsAValidExperiment() {
    assertThat(violations(StrategyKind.AB, new Step.SetWeight(10)))
        .containsExactly("an AB strategy needs at least one experiment step");
    assertThat(violations(StrategyKind.AB, new Step.Experiment(100, Duration.ofMinutes(5), "", 1.0, false)))
        .containsExactly("step 0 (experiment): candidateWeight must be between 1 and 99, was 100",
            "step 0 (experiment): metric is required",
            "step 0 (experiment): significance must be between 0 and 1 (exclusive)");
  }
}
