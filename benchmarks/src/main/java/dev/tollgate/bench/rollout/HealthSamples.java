package dev.tollgate.bench.rollout;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Health samples as a serving platform reports them, each with its own event id. */
final class HealthSamples {

  private HealthSamples() {}

  /** 100 requests, {@code errors} of them failed, p99 {@code p99Ms}. */
  static HealthSample sample(String model, String version, long errors, double p99Ms) {
    Instant now = Instant.now();
    return HealthSample.newBuilder()
        .setEnvelope(Envelope.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setOccurredAt(now)
            .setActor(BenchPlatform.ACTOR)
            .setDeploymentId(null)
            .setModelName(model)
            .setModelVersion(version)
            .setEnvironment("staging")
            .setCausationId(null)
            .build())
        .setWindowStart(now.minusSeconds(1))
        .setWindowEnd(now)
        .setRequestCount(100)
        .setErrorCount(errors)
        .setLatencyP50Ms(p99Ms / 4)
        .setLatencyP95Ms(p99Ms / 2)
        .setLatencyP99Ms(p99Ms)
        .setCustomMetrics(Map.of())
        .build();
  }

  static HealthSample healthy(String model, String version) {
    return sample(model, version, 0, 60);
  }
}
