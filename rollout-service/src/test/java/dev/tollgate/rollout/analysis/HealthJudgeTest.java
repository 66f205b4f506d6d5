package dev.tollgate.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.analysis.Measurement.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthJudgeTest {

  private static HealthStats stats(String version, long samples, long requests, long errors, double p99,
      Map<String, Double> custom) {
    return new HealthStats(version, samples, requests, errors, p99, custom);
  }

  @Test
  void passesWhenEveryThresholdHolds() {
    Limits limits = new Limits(0.05, 250.0, 0.01, Map.of("drift", 0.3), 5);

    Measurement m = HealthJudge.judge(limits, stats("1.5.0", 6, 1000, 20, 200, Map.of("drift", 0.2)),
        stats("1.4.0", 6, 1000, 15, 150, Map.of()));

    assertThat(m.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(m.findings()).containsExactly("error rate 0.0200 <= max 0.0500", "p99 200.0 ms <= max 250.0 ms",
        "error rate increase over baseline 0.0050 <= max 0.0100", "drift 0.2000 <= max 0.3000");
  }

  @Test
  void failsOnEachBreachedThresholdWithTheNumbers() {
    Limits limits = new Limits(0.05, 250.0, null, Map.of(), 1);

    Measurement m = HealthJudge.judge(limits, stats("1.5.0", 3, 100, 8, 310, Map.of()), null);

    assertThat(m.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(m.summary()).isEqualTo("failed: error rate 0.0800 > max 0.0500; p99 310.0 ms > max 250.0 ms "
        + "[1.5.0: 3 samples, 8/100 errors (8.00%), p99 310.0 ms]");
  }

  @Test
  void judgesTheIncreaseOverTheBaselineInRatePoints() {
    Limits limits = new Limits(null, null, 0.01, Map.of(), 1);

    Measurement worse = HealthJudge.judge(limits, stats("1.5.0", 2, 1000, 30, 1, Map.of()),
        stats("1.4.0", 2, 1000, 10, 1, Map.of()));

    assertThat(worse.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(worse.findings()).containsExactly("error rate increase over baseline 0.0200 > max 0.0100");
    assertThat(worse.summary()).contains("baseline 1.4.0: 2 samples, 10/1000 errors (1.00%)");
  }

  @Test
  void tooFewSamplesIsInconclusiveWhateverTheNumbers() {
    Limits limits = new Limits(0.05, null, null, Map.of(), 10);

    Measurement m = HealthJudge.judge(limits, stats("1.5.0", 9, 90, 90, 1, Map.of()), null);

    assertThat(m.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(m.findings()).containsExactly("9 samples of 1.5.0, need at least 10");
  }

  @Test
  void aThinBaselineOrAnUnreportedMetricIsInconclusiveUnlessSomethingElseFails() {
    Limits limits = new Limits(0.05, null, 0.01, Map.of("drift", 0.3), 2);
    HealthStats thinBaseline = stats("1.4.0", 1, 10, 0, 1, Map.of());

    Measurement healthy = HealthJudge.judge(limits, stats("1.5.0", 5, 100, 1, 1, Map.of()), thinBaseline);
    Measurement breached = HealthJudge.judge(limits, stats("1.5.0", 5, 100, 20, 1, Map.of()), thinBaseline);

    assertThat(healthy.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
    assertThat(healthy.findings()).contains("1 samples of baseline 1.4.0, need at least 2",
        "custom metric 'drift' was not reported");
    assertThat(breached.outcome()).isEqualTo(Outcome.FAILED);
  }

  @Test
  void withoutABaselineVersionTheRelativeThresholdIsSkippedAndSaysSo() {
    Limits limits = new Limits(null, null, 0.01, Map.of(), 1);

    Measurement m = HealthJudge.judge(limits, stats("1.0.0", 1, 10, 5, 1, Map.of()), null);

    assertThat(m.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(m.findings()).containsExactly("no baseline version to compare the error rate with");
  }
}
