package dev.tollgate.rollout.analysis;

import static dev.tollgate.rollout.analysis.HealthStatsTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaneHealthTest {

  private final Clock clock = Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC);

  @Test
  void aggregatesPerTrackedVersionAndDropsOthers() {
    LaneHealth health = LaneHealth.open("d3", clock.instant(), "1.5.0", "1.4.0");

    LaneHealth.Admission a = health.admit(sample("s1", "1.5.0", 100, 2, 80, Map.of()));
    LaneHealth.Admission b = a.health().admit(sample("s2", "1.4.0", 300, 0, 60, Map.of()));
    LaneHealth.Admission c = b.health().admit(sample("s3", "1.3.0", 300, 0, 60, Map.of()));

    assertThat(a.fate()).isEqualTo(SampleFate.AGGREGATED);
    assertThat(b.fate()).isEqualTo(SampleFate.AGGREGATED);
    assertThat(c.fate()).isEqualTo(SampleFate.VERSION_NOT_IN_ROLLOUT);
    assertThat(c.health()).isSameAs(b.health());
    assertThat(c.health().of("1.5.0").requestCount()).isEqualTo(100);
    assertThat(c.health().of("1.4.0").requestCount()).isEqualTo(300);
    assertThat(c.health().of("1.3.0").sampleCount()).isZero();
  }

  @Test
  void aRedeliveredSampleIsCountedOnceEvenAcrossAWindowRestart() {
    LaneHealth health = LaneHealth.open("d3", clock.instant(), "1.5.0", null)
        .admit(sample("s1", "1.5.0", 100, 2, 80, Map.of())).health();

    LaneHealth.Admission again = health.admit(sample("s1", "1.5.0", 100, 2, 80, Map.of()));
    LaneHealth restarted = health.restartedAt(clock.instant().plus(Duration.ofSeconds(30)));

    assertThat(again.fate()).isEqualTo(SampleFate.DUPLICATE);
    assertThat(again.health().of("1.5.0").requestCount()).isEqualTo(100);
    assertThat(restarted.of("1.5.0").sampleCount()).isZero();
    assertThat(restarted.windowStart()).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(restarted.admit(sample("s1", "1.5.0", 100, 2, 80, Map.of())).fate()).isEqualTo(SampleFate.DUPLICATE);
  }

  @Test
  void remembersABoundedNumberOfSampleIds() {
    LaneHealth health = LaneHealth.open("d3", clock.instant(), "1.5.0", null);
    for (int i = 0; i < LaneHealth.RECENT_SAMPLE_CAPACITY + 5; i++) {
      health = health.admit(sample("s" + i, "1.5.0", 1, 0, 1, Map.of())).health();
    }

    assertThat(health.recentSampleIds().size()).isEqualTo(LaneHealth.RECENT_SAMPLE_CAPACITY);
    assertThat(health.of("1.5.0").sampleCount()).isEqualTo(LaneHealth.RECENT_SAMPLE_CAPACITY + 5);
  }

  @Test
  void countsFates() {
    SampleCounts counts = new SampleCounts();
    counts.record(SampleFate.AGGREGATED);
    counts.record(SampleFate.NO_ACTIVE_ROLLOUT);
    counts.record(SampleFate.NO_ACTIVE_ROLLOUT);
    counts.record(SampleFate.DUPLICATE);

    assertThat(counts.count(SampleFate.NO_ACTIVE_ROLLOUT)).isEqualTo(2);
    assertThat(counts.dropped()).isEqualTo(3);
    assertThat(SampleFate.NO_ACTIVE_ROLLOUT.tag()).isEqualTo("no-active-rollout");
  }
}
