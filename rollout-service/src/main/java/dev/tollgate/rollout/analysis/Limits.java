package dev.tollgate.rollout.analysis;

import java.util.Map;

/**
 * What a measurement is judged against; a null limit is not judged.
 *
 * @param maxErrorRate highest acceptable errors / requests (0..1)
 * @param maxP99LatencyMs highest acceptable p99 latency
 * @param maxErrorRateIncreaseOverBaseline highest acceptable candidate error rate minus the baseline's,
 *     in rate points (0.01 = one percentage point)
 * @param customMetricMax highest acceptable value per custom metric
 * @param minSampleCount fewer candidate samples than this make a measurement inconclusive
 */
public record Limits(
    Double maxErrorRate,
    Double maxP99LatencyMs,
    Double maxErrorRateIncreaseOverBaseline,
    Map<String, Double> customMetricMax,
    int minSampleCount) {

  public Limits {
    customMetricMax = customMetricMax == null ? Map.of() : Map.copyOf(customMetricMax);
    minSampleCount = Math.max(1, minSampleCount);
  }
}
