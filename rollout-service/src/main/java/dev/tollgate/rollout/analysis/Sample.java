package dev.tollgate.rollout.analysis;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One health sample of a model version as the analysis needs it.
 *
 * @param idFingerprint the sample event's id as {@link SampleIdRing#fingerprint}: a redelivered
 *     sample is counted once
 * @param windowEnd end of the platform's measuring window the sample covers
 */
public record Sample(
    long idFingerprint,
    String model,
    String version,
    String environment,
    Instant windowEnd,
    long requestCount,
    long errorCount,
    double p99LatencyMs,
    Map<String, Double> customMetrics) {

  public Sample {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(environment, "environment");
    customMetrics = customMetrics == null ? Map.of() : Map.copyOf(customMetrics);
  }

  /** A sample known by its event id. */
  public Sample(String eventId, String model, String version, String environment, Instant windowEnd,
      long requestCount, long errorCount, double p99LatencyMs, Map<String, Double> customMetrics) {
    this(SampleIdRing.fingerprint(Objects.requireNonNull(eventId, "eventId")), model, version, environment,
        windowEnd, requestCount, errorCount, p99LatencyMs, customMetrics);
  }
}
