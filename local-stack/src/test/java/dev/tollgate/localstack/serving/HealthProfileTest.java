package dev.tollgate.localstack.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthProfileTest {

  private static HealthProfile.Spec spec(Double errorRate, Double p50, Double p95, Double p99) {
    return new HealthProfile.Spec(errorRate, p50, p95, p99, null, null, null);
  }

  @Test
  void theDefaultIsHealthy() {
    assertThat(HealthProfile.HEALTHY.errorRate()).isEqualTo(0.001);
    assertThat(HealthProfile.HEALTHY.p99LatencyMs()).isEqualTo(120);
    assertThat(HealthProfile.HEALTHY.rejectTraffic()).isFalse();
  }

  @Test
  void missingMembersComeFromTheBase() {
    HealthProfile profile = spec(0.2, null, null, null).resolve(HealthProfile.HEALTHY);

    assertThat(profile).isEqualTo(new HealthProfile(0.2, 40, 90, 120, 200, Map.of(), false));
  }

  @Test
  void missingPercentilesAreFittedAroundTheGivenOnes() {
    assertThat(spec(null, null, null, 900.0).resolve(HealthProfile.HEALTHY))
        .extracting(HealthProfile::p50LatencyMs, HealthProfile::p95LatencyMs, HealthProfile::p99LatencyMs)
        .containsExactly(40.0, 90.0, 900.0);
    assertThat(spec(null, null, null, 30.0).resolve(HealthProfile.HEALTHY))
        .extracting(HealthProfile::p50LatencyMs, HealthProfile::p95LatencyMs, HealthProfile::p99LatencyMs)
        .containsExactly(30.0, 30.0, 30.0);
    assertThat(spec(null, 500.0, null, null).resolve(HealthProfile.HEALTHY))
        .extracting(HealthProfile::p50LatencyMs, HealthProfile::p95LatencyMs, HealthProfile::p99LatencyMs)
        .containsExactly(500.0, 500.0, 500.0);
  }

  @Test
  void everyBadMemberIsNamed() {
    HealthProfile.Spec bad = new HealthProfile.Spec(1.5, -1.0, null, null, 0.0, Map.of("drift", Double.NaN), null);

    assertThatThrownBy(() -> bad.resolve(HealthProfile.HEALTHY))
        .isInstanceOfSatisfying(InvalidProfileException.class, e -> assertThat(e.problems())
            .extracting(InvalidProfileException.Problem::field)
            .containsExactly("errorRate", "p50LatencyMs", "requestsPerSecond", "customMetrics.drift"));
  }

  @Test
  void givenPercentilesMustBeOrdered() {
    assertThatThrownBy(() -> spec(null, 200.0, 100.0, null).resolve(HealthProfile.HEALTHY))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageContaining("p50LatencyMs must not exceed p95LatencyMs");
  }
}
