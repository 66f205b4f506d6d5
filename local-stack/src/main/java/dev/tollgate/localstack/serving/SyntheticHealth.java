package dev.tollgate.localstack.serving;

import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The numbers of synthetic health samples: what a version with a {@link HealthProfile} would report
 * over a window while serving a share of the traffic.
 *
 * <p>Requests follow the share: a version at weight w serves w % of the profile's full-traffic
 * rate. Fractions are rounded stochastically (2.3 expected errors are 2 with probability 0.7 and 3
 * with 0.3), so low rates still average to the profile's error rate over many samples instead of
 * rounding to zero. Latencies vary by up to ±{@link #LATENCY_JITTER} around the profile, all three
 * percentiles by the same factor so that they stay ordered.
 */
public final class SyntheticHealth {

  /** Relative spread of the reported latencies around the profile's. */
  public static final double LATENCY_JITTER = 0.05;

  private final RandomGenerator random;

  public SyntheticHealth(RandomGenerator random) {
    this.random = random;
  }

  /** One sample's numbers. */
  public record Reading(long requestCount, long errorCount, double p50LatencyMs, double p95LatencyMs,
      double p99LatencyMs, Map<String, Double> customMetrics) {}

  /** What {@code profile} reports over {@code window} at {@code weight} percent of the traffic. */
  public Reading reading(HealthProfile profile, int weight, Duration window) {
    double seconds = window.toNanos() / 1e9;
    double expectedRequests = profile.requestsPerSecond() * Math.max(0, Math.min(100, weight)) / 100.0 * seconds;
    long requests = roundStochastically(expectedRequests);
    long errors = Math.min(requests, roundStochastically(requests * profile.errorRate()));
    double factor = 1 + LATENCY_JITTER * (2 * random.nextDouble() - 1);
    return new Reading(requests, errors, profile.p50LatencyMs() * factor, profile.p95LatencyMs() * factor,
        profile.p99LatencyMs() * factor, profile.customMetrics());
  }

  private long roundStochastically(double value) {
    long whole = (long) Math.floor(value);
    double fraction = value - whole;
    return fraction > 0 && random.nextDouble() < fraction ? whole + 1 : whole;
  }
}
