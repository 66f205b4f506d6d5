package dev.tollgate.localstack.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticHealthTest {

  private static final HealthProfile BAD = new HealthProfile(0.2, 300, 700, 900, 200, Map.of("drift", 0.4), false);

  @Test
  void requestsFollowTheWeightAndTheWindow() {
    SyntheticHealth health = new SyntheticHealth(new Random(1));

    assertThat(health.reading(BAD, 100, Duration.ofSeconds(1)).requestCount()).isEqualTo(200);
    assertThat(health.reading(BAD, 20, Duration.ofMillis(500)).requestCount()).isEqualTo(20);
    assertThat(health.reading(BAD, 50, Duration.ofSeconds(2)).requestCount()).isEqualTo(200);
    assertThat(health.reading(BAD, 0, Duration.ofSeconds(1)).requestCount()).isZero();
  }

  @Test
  void errorsFollowTheProfilesErrorRate() {
    SyntheticHealth.Reading reading = new SyntheticHealth(new Random(2)).reading(BAD, 100, Duration.ofSeconds(1));

    assertThat(reading.errorCount()).isEqualTo(40);
  }

  @Test
  void fractionalCountsAverageToTheExpectedValueInsteadOfRoundingToZero() {
    // 0.1 % of 20 requests is 0.02 errors a sample: rounding would report none, ever
    HealthProfile healthy = HealthProfile.HEALTHY;
    SyntheticHealth health = new SyntheticHealth(new Random(3));
    long requests = 0;
    long errors = 0;
    for (int i = 0; i < 20_000; i++) {
      SyntheticHealth.Reading reading = health.reading(healthy, 7, Duration.ofMillis(500)); // 7 requests expected
      requests += reading.requestCount();
      errors += reading.errorCount();
      assertThat(reading.requestCount()).isBetween(7L, 7L);
      assertThat(reading.errorCount()).isBetween(0L, 1L);
    }
    assertThat((double) errors / requests).isCloseTo(0.001, within(0.0005));

    long spread = 0;
    for (int i = 0; i < 10_000; i++) {
      spread += health.reading(healthy, 1, Duration.ofMillis(250)).requestCount(); // 0.5 expected
    }
    assertThat(spread / 10_000.0).isCloseTo(0.5, within(0.03));
  }

  @Test
  void latenciesJitterAroundTheProfileAndStayOrdered() {
    SyntheticHealth health = new SyntheticHealth(new Random(4));
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    for (int i = 0; i < 1_000; i++) {
      SyntheticHealth.Reading r = health.reading(BAD, 20, Duration.ofMillis(500));
      assertThat(r.p50LatencyMs()).isLessThanOrEqualTo(r.p95LatencyMs());
      assertThat(r.p95LatencyMs()).isLessThanOrEqualTo(r.p99LatencyMs());
      assertThat(r.p99LatencyMs()).isBetween(900 * 0.95, 900 * 1.05);
      assertThat(r.customMetrics()).containsEntry("drift", 0.4);
      lowest = Math.min(lowest, r.p99LatencyMs());
      highest = Math.max(highest, r.p99LatencyMs());
    }
    assertThat(highest - lowest).as("the jitter is used").isGreaterThan(900 * 0.05);
  }

  @Test
  void aVersionFailingEveryRequestReportsOnlyErrors() {
    HealthProfile broken = new HealthProfile(1.0, 10, 10, 10, 100, Map.of(), false);

    SyntheticHealth.Reading reading = new SyntheticHealth(new Random(5)).reading(broken, 30, Duration.ofSeconds(1));

    assertThat(reading.errorCount()).isEqualTo(reading.requestCount()).isEqualTo(30);
  }
}
