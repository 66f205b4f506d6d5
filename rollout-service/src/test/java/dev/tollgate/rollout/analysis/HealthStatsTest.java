package dev.tollgate.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthStatsTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  static Sample sample(String id, String version, long requests, long errors, double p99, Map<String, Double> custom) {
    return new Sample(id, "fraud-detector", version, "staging", T0, requests, errors, p99, custom);
  }

  @Test
  void sumsCountsAndKeepsTheLargestP99AndCustomValues() {
    HealthStats stats = HealthStats.empty("1.5.0")
        .plus(sample("s1", "1.5.0", 1000, 10, 120.0, Map.of("drift", 0.2)))
        .plus(sample("s2", "1.5.0", 10, 5, 480.0, Map.of("drift", 0.1, "cost", 3.0)))
        .plus(sample("s3", "1.5.0", 990, 5, 90.0, Map.of()));

    assertThat(stats.sampleCount()).isEqualTo(3);
    assertThat(stats.requestCount()).isEqualTo(2000);
    assertThat(stats.errorCount()).isEqualTo(20);
    assertThat(stats.errorRate()).isCloseTo(0.01, within(1e-12));
    // the maximum bounds the true p99 of all 2000 requests from above; a weighted mean (~107 ms) would not
    assertThat(stats.p99LatencyMs()).isEqualTo(480.0);
    assertThat(stats.customMetrics()).containsExactlyInAnyOrderEntriesOf(Map.of("drift", 0.2, "cost", 3.0));
    assertThat(stats.describe()).isEqualTo("1.5.0: 3 samples, 20/2000 errors (1.00%), p99 480.0 ms");
  }

  @Test
  void noRequestsMeansAZeroErrorRateNotADivisionByZero() {
    HealthStats stats = HealthStats.empty("1.5.0").plus(sample("s1", "1.5.0", 0, 0, 0.0, Map.of()));

    assertThat(stats.errorRate()).isZero();
    assertThat(stats.sampleCount()).isEqualTo(1);
  }

  @Test
  void negativeCountsFromABrokenPlatformDoNotReduceTheTotals() {
    HealthStats stats = HealthStats.empty("1.5.0").plus(sample("s1", "1.5.0", 100, 1, 50.0, Map.of()))
        .plus(sample("s2", "1.5.0", -50, -1, 10.0, Map.of()));

    assertThat(stats.requestCount()).isEqualTo(100);
    assertThat(stats.errorCount()).isEqualTo(1);
  }
}
