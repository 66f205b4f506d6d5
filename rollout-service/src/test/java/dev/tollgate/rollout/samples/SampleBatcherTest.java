package dev.tollgate.rollout.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.rollout.analysis.SampleIdRing;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleBatcherTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  @Test
  void groupsPerModelAndEnvironmentKeepingTheOrderOfEach() {
    SampleBatcher batcher = new SampleBatcher(100);
    batcher.add(sample("a1", "fraud", "staging", "2.0.0", 10));
    batcher.add(sample("b1", "fraud", "production", "1.0.0", 20));
    batcher.add(sample("a2", "fraud", "staging", "1.0.0", 30));
    batcher.add(sample("c1", "churn", "staging", "3.0.0", 40));
    batcher.add(sample("a3", "fraud", "staging", "2.0.0", 50));

    assertThat(batcher.size()).isEqualTo(5);
    List<HealthSampleBatch> batches = batcher.drain();

    assertThat(batches).extracting(HealthSampleBatch::getModelName, HealthSampleBatch::getEnvironment)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("fraud", "staging"),
            org.assertj.core.groups.Tuple.tuple("fraud", "production"),
            org.assertj.core.groups.Tuple.tuple("churn", "staging"));
    assertThat(batches.get(0).getSamples()).extracting(BatchedSample::getRequestCount).containsExactly(10L, 30L, 50L);
    assertThat(batches.get(0).getSamples()).extracting(BatchedSample::getModelVersion)
        .containsExactly("2.0.0", "1.0.0", "2.0.0");
    assertThat(batcher.size()).isZero();
    assertThat(batcher.drain()).isEmpty();
  }

  @Test
  void carriesWhatTheAnalysisNeedsWithTheIdAsItsFingerprint() {
    SampleBatcher batcher = new SampleBatcher(10);
    HealthSample sample = sample("5f0c8a52-7d1e-4d7a-9a57-0c6f2f1d9e11", "fraud", "staging", "2.0.0", 400);

    batcher.add(sample);
    BatchedSample batched = batcher.drain().get(0).getSamples().get(0);

    assertThat(batched.getIdFingerprint()).isEqualTo(SampleIdRing.fingerprint("5f0c8a52-7d1e-4d7a-9a57-0c6f2f1d9e11"));
    assertThat(batched.getWindowEnd()).isEqualTo(T0);
    assertThat(batched.getRequestCount()).isEqualTo(400);
    assertThat(batched.getErrorCount()).isEqualTo(4);
    assertThat(batched.getLatencyP99Ms()).isEqualTo(99.5);
    assertThat(batched.getCustomMetrics()).isEqualTo(Map.of("drift", 0.25));
  }

  @Test
  void splitsALaneIntoBatchesOfAtMostTheLimitInOrder() {
    SampleBatcher batcher = new SampleBatcher(2);
    for (int i = 1; i <= 5; i++) {
      batcher.add(sample("s" + i, "fraud", "staging", "2.0.0", i));
    }

    List<HealthSampleBatch> batches = batcher.drain();

    assertThat(batches).extracting(b -> b.getSamples().stream().map(BatchedSample::getRequestCount).toList())
        .containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L));
  }

  @Test
  void clearForgetsWhatWasPending() {
    SampleBatcher batcher = new SampleBatcher(2);
    batcher.add(sample("s1", "fraud", "staging", "2.0.0", 1));

    batcher.clear();

    assertThat(batcher.size()).isZero();
    assertThat(batcher.drain()).isEmpty();
    assertThatThrownBy(() -> new SampleBatcher(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static HealthSample sample(String id, String model, String environment, String version, long requests) {
    return HealthSample.newBuilder()
        .setEnvelope(Envelope.newBuilder().setEventId(id).setOccurredAt(T0).setActor("platform:test")
            .setDeploymentId(null).setModelName(model).setModelVersion(version).setEnvironment(environment)
            .setCausationId(null).build())
        .setWindowStart(T0.minusSeconds(1)).setWindowEnd(T0).setRequestCount(requests).setErrorCount(requests / 100)
        .setLatencyP50Ms(20).setLatencyP95Ms(50).setLatencyP99Ms(99.5).setCustomMetrics(Map.of("drift", 0.25))
        .build();
  }
}
