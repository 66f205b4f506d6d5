package dev.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  void percentilesUseTheNearestRank() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int ms = 100; ms >= 1; ms--) {
      recorder.record(ms * 1_000_000L);
    }
    assertThat(recorder.count()).isEqualTo(100);
    assertThat(recorder.percentileMillis(50)).isEqualTo(50.0);
    assertThat(recorder.percentileMillis(99)).isEqualTo(99.0);
    assertThat(recorder.percentileMillis(100)).isEqualTo(100.0);
  }

  @Test
  void growsBeyondItsInitialCapacity() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 0; i < 5000; i++) {
      recorder.record(i == 4999 ? 7_000_000L : 1_000_000L);
    }
    assertThat(recorder.percentileMillis(100)).isEqualTo(7.0);
    assertThat(recorder.percentileMillis(99)).isEqualTo(1.0);
  }

  @Test
  void refusesToSummarizeNothing() {
    assertThatThrownBy(() -> new LatencyRecorder().percentileMillis(50)).isInstanceOf(IllegalStateException.class);
  }
}
