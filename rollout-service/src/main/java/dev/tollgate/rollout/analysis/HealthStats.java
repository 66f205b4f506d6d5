package dev.tollgate.rollout.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The health of one version aggregated over the samples of a window: the numbers a verdict is
 * judged on and carried in.
 *
 * <p>Latency percentiles cannot be averaged, so {@code p99LatencyMs} is the <b>maximum</b> of the
 * samples' p99. That is a sound upper bound of the window's true p99: each sample has at most 1 %
 * of its requests above its own p99, so at most 1 % of all requests lie above the largest one. A
 * pass is therefore a guarantee; the price is that one slow sample can fail a window, which for a
 * rollout gate is the right side to err on. A request-weighted mean of p99s would hide a slow
 * replica behind busy fast ones. Custom metrics are limited by maxima too ({@code customMetricMax}),
 * so they aggregate the same way, by maximum.
 *
 * @param sampleCount samples aggregated
 * @param customMetrics maximum reported value per custom metric
 */
public record HealthStats(
    String version, long sampleCount, long requestCount, long errorCount, double p99LatencyMs,
    Map<String, Double> customMetrics) {

  public HealthStats {
    Objects.requireNonNull(version, "version");
    customMetrics = customMetrics == null ? Map.of() : Map.copyOf(customMetrics);
  }

  public static HealthStats empty(String version) {
    return new HealthStats(version, 0, 0, 0, 0.0, Map.of());
  }

  /** errors / requests; 0 without requests (no requests is judged by the sample count, not here). */
  public double errorRate() {
    return requestCount == 0 ? 0.0 : (double) errorCount / requestCount;
  }

  public HealthStats plus(Sample sample) {
    Map<String, Double> metrics = new HashMap<>(customMetrics);
    addCustomMetrics(metrics, sample);
    return new HealthStats(version, sampleCount + 1, requestCount + counted(sample.requestCount()),
        errorCount + counted(sample.errorCount()), Math.max(p99LatencyMs, sample.p99LatencyMs()), metrics);
  }

  /** A sample's request or error count as the sums take it: a negative count adds nothing. */
  static long counted(long count) {
    return Math.max(0, count);
  }

  /** Folds the sample's custom metrics into {@code maxima}: the larger value wins, NaN is no value. */
  static void addCustomMetrics(Map<String, Double> maxima, Sample sample) {
    sample.customMetrics().forEach((name, value) -> {
      if (value != null && !value.isNaN()) {
        maxima.merge(name, value, Math::max);
      }
    });
  }

  /** E.g. {@code 1.5.0: 12 samples, 40/1000 errors (4.00%), p99 212.0 ms}. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%s: %d samples, %d/%d errors (%.2f%%), p99 %.1f ms", version,
        sampleCount, errorCount, requestCount, errorRate() * 100, p99LatencyMs);
  }
}
