package dev.tollgate.localstack.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a simulated model version behaves: what its synthetic health samples report.
 *
 * @param errorRate share of requests that fail, 0..1
 * @param p50LatencyMs median latency
 * @param p95LatencyMs 95th percentile latency
 * @param p99LatencyMs 99th percentile latency
 * @param requestsPerSecond the request rate at 100 % of the traffic; a version at weight w gets w %
 * @param customMetrics reported as they are, in every sample (e.g. {@code drift_score})
 * @param rejectTraffic the platform refuses any split that gives this version traffic (to try a
 *     failed traffic command)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HealthProfile(
    double errorRate,
    double p50LatencyMs,
    double p95LatencyMs,
    double p99LatencyMs,
    double requestsPerSecond,
    Map<String, Double> customMetrics,
    boolean rejectTraffic) {

  /** A healthy version: 0.1 % errors, p99 120 ms, 200 requests/s at full traffic. */
  public static final HealthProfile HEALTHY = new HealthProfile(0.001, 40, 90, 120, 200, Map.of(), false);

  public HealthProfile {
    customMetrics = customMetrics == null ? Map.of() : Map.copyOf(customMetrics);
  }

  /**
   * A profile as JSON or YAML spells it: every member optional. Missing members come from a base
   * profile; missing percentiles are fitted around the given ones so that p50 <= p95 <= p99.
   */
  public record Spec(
      Double errorRate,
      Double p50LatencyMs,
      Double p95LatencyMs,
      Double p99LatencyMs,
      Double requestsPerSecond,
      Map<String, Double> customMetrics,
      Boolean rejectTraffic) {

    /** The profile this spec describes on top of {@code base}; fails naming every bad member. */
    public HealthProfile resolve(HealthProfile base) {
      List<InvalidProfileException.Problem> problems = new ArrayList<>();
      if (errorRate != null && !(errorRate >= 0 && errorRate <= 1)) {
        problems.add(new InvalidProfileException.Problem("errorRate", "must be within 0..1, was " + errorRate));
      }
      nonNegative("p50LatencyMs", p50LatencyMs, problems);
      nonNegative("p95LatencyMs", p95LatencyMs, problems);
      nonNegative("p99LatencyMs", p99LatencyMs, problems);
      if (requestsPerSecond != null && !(requestsPerSecond > 0 && requestsPerSecond <= 1_000_000)) {
        problems.add(new InvalidProfileException.Problem("requestsPerSecond",
            "must be above 0 and at most 1000000, was " + requestsPerSecond));
      }
      if (customMetrics != null) {
        customMetrics.forEach((name, value) -> {
          if (name == null || name.isBlank() || value == null || !Double.isFinite(value)) {
            problems.add(new InvalidProfileException.Problem("customMetrics." + name, "must be a finite number"));
          }
        });
      }
      if (problems.isEmpty()) {
        ordered("p50LatencyMs", p50LatencyMs, "p95LatencyMs", p95LatencyMs, problems);
        ordered("p95LatencyMs", p95LatencyMs, "p99LatencyMs", p99LatencyMs, problems);
        ordered("p50LatencyMs", p50LatencyMs, "p99LatencyMs", p99LatencyMs, problems);
      }
      if (!problems.isEmpty()) {
        throw new InvalidProfileException(problems);
      }
      double p99 = p99LatencyMs != null ? p99LatencyMs
          : Math.max(base.p99LatencyMs(), Math.max(orZero(p95LatencyMs), orZero(p50LatencyMs)));
      double p95 = p95LatencyMs != null ? p95LatencyMs
          : Math.min(Math.max(base.p95LatencyMs(), orZero(p50LatencyMs)), p99);
      double p50 = p50LatencyMs != null ? p50LatencyMs : Math.min(base.p50LatencyMs(), p95);
      return new HealthProfile(
          errorRate != null ? errorRate : base.errorRate(), p50, p95, p99,
          requestsPerSecond != null ? requestsPerSecond : base.requestsPerSecond(),
          customMetrics != null ? new LinkedHashMap<>(customMetrics) : base.customMetrics(),
          rejectTraffic != null ? rejectTraffic : base.rejectTraffic());
    }

    private static void nonNegative(String field, Double value, List<InvalidProfileException.Problem> problems) {
      if (value != null && !(value >= 0 && Double.isFinite(value))) {
        problems.add(new InvalidProfileException.Problem(field, "must be a finite number of milliseconds >= 0, was "
            + value));
      }
    }

    private static void ordered(String lowerName, Double lower, String upperName, Double upper,
        List<InvalidProfileException.Problem> problems) {
      if (lower != null && upper != null && lower > upper) {
        problems.add(new InvalidProfileException.Problem(lowerName, "must not exceed " + upperName + " (" + lower
            + " > " + upper + ")"));
      }
    }

    private static double orZero(Double value) {
      return value == null ? 0 : value;
    }
  }
}
