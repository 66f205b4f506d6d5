package dev.tollgate.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueReservoirTest {

  @Test
  void keepsEveryValueUpToItsCapacityThenAUniformBoundedSample() {
    ValueReservoir r = ValueReservoir.empty();
    for (int i = 0; i < ValueReservoir.CAPACITY; i++) {
      r = r.with(i, SampleIdRing.fingerprint("s" + i));
    }
    assertThat(r.size()).isEqualTo(ValueReservoir.CAPACITY);
    for (int i = ValueReservoir.CAPACITY; i < 10 * ValueReservoir.CAPACITY; i++) {
      r = r.with(i, SampleIdRing.fingerprint("s" + i));
    }
    assertThat(r.size()).isEqualTo(ValueReservoir.CAPACITY);
    assertThat(r.seen()).isEqualTo(10L * ValueReservoir.CAPACITY);
    long late = Arrays.stream(r.values()).filter(v -> v >= ValueReservoir.CAPACITY).count();
    assertThat(late).as("about 90% of the kept values come from the later 90% of the samples")
        .isBetween((long) (0.8 * ValueReservoir.CAPACITY), (long) (0.97 * ValueReservoir.CAPACITY));
  }

  @Test
  void theSameSamplesBuildTheSameReservoir() {
    ValueReservoir a = ValueReservoir.empty();
    ValueReservoir b = ValueReservoir.empty();
    for (int i = 0; i < 1000; i++) {
      a = a.with(i, SampleIdRing.fingerprint("s" + i));
      b = b.with(i, SampleIdRing.fingerprint("s" + i));
    }
    assertThat(a).isEqualTo(b);
    assertThat(a.with(Double.NaN, 1)).as("NaN is not a value").isSameAs(a);
  }

  @Test
  void aWindowCollectsTheExperimentMetricPerVersion() {
    LaneHealth health = LaneHealth.open("d1", java.time.Instant.EPOCH, "2.0.0", "1.0.0").collecting("error_rate");
    health = health.admit(new Sample("a", "m", "2.0.0", "staging", java.time.Instant.EPOCH, 200, 10, 50, Map.of()))
        .health();
    health = health.admit(new Sample("b", "m", "1.0.0", "staging", java.time.Instant.EPOCH, 0, 0, 50, Map.of()))
        .health();
    assertThat(health.reservoirOf("2.0.0").values()).containsExactly(0.05);
    assertThat(health.reservoirOf("1.0.0").size()).as("no requests: no error rate").isZero();
    assertThat(health.restartedAt(java.time.Instant.MAX).reservoirOf("2.0.0").size()).isZero();
    assertThat(health.collecting(null).reservoirs()).isEmpty();
  }

  @Test
  void higherIsBetterIsSpelledAsAPrefix() {
    assertThat(ExperimentMetric.parse("higher:ctr")).isEqualTo(new ExperimentMetric("ctr", true));
    assertThat(ExperimentMetric.parse("p99_latency_ms").higherIsBetter()).isFalse();
  }
}
