package dev.tollgate.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentStrategyTest {

  private static Step.Experiment experiment(String metric) {
    return new Step.Experiment(50, Duration.ofMinutes(5), metric, 0.05, false);
  }

  @Test
  void anExperimentMetricIsNamedByItsStepIndexAndKind() {
    assertThat(Strategy.validate(StrategyKind.AB, List.of(new Step.SetWeight(10), experiment("higher:"))))
        .extracting(StrategyViolation::message)
        .containsExactly("step 1 (experiment): metric 'higher:' names no metric after 'higher:'");
    assertThat(Strategy.validate(StrategyKind.AB, List.of(experiment("higher:p99_latency_ms"))))
        .extracting(StrategyViolation::message)
        .containsExactly("step 0 (experiment): p99_latency_ms is lower-is-better; 'higher:' is for custom metrics");
    assertThat(Strategy.validate(StrategyKind.AB, List.of(experiment("higher:conversion")))).isEmpty();
    assertThat(Strategy.validate(StrategyKind.CANARY, List.of(new Step.SetWeight(10), experiment("error_rate"))))
        .as("an experiment may also run inside a canary").isEmpty();
    assertThat(Strategy.validate(StrategyKind.BLUE_GREEN, List.of(new Step.Switch(), experiment("error_rate"))))
        .extracting(StrategyViolation::message)
        .containsExactly("step 1 (experiment): does not belong to a BLUE_GREEN strategy (use switch)");
  }
}
