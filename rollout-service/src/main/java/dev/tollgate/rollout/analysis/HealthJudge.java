package dev.tollgate.rollout.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges the candidate's window against {@link Limits}. A failed threshold fails the measurement
 * even when another one lacks data (a breach is evidence enough); too few candidate samples make it
 * inconclusive without judging anything, so thin data never passes or fails a canary.
 */
public final class HealthJudge {

  private HealthJudge() {}

  /** @param baseline the baseline version's window; null when the rollout has no baseline version */
  public static Measurement judge(Limits limits, HealthStats candidate, HealthStats baseline) {
    List<String> findings = new ArrayList<>();
    if (candidate.sampleCount() < limits.minSampleCount()) {
      findings.add(candidate.sampleCount() + " samples of " + candidate.version() + ", need at least "
          + limits.minSampleCount());
      return new Measurement(Measurement.Outcome.INCONCLUSIVE, candidate, baseline, findings);
    }
    boolean failed = false;
    boolean inconclusive = false;
    if (limits.maxErrorRate() != null) {
      boolean ok = candidate.errorRate() <= limits.maxErrorRate();
      failed |= !ok;
      findings.add(format("error rate %.4f %s max %.4f", candidate.errorRate(), ok ? "<=" : ">", limits.maxErrorRate()));
    }
    if (limits.maxP99LatencyMs() != null) {
      boolean ok = candidate.p99LatencyMs() <= limits.maxP99LatencyMs();
      failed |= !ok;
      findings.add(format("p99 %.1f ms %s max %.1f ms", candidate.p99LatencyMs(), ok ? "<=" : ">",
          limits.maxP99LatencyMs()));
    }
    if (limits.maxErrorRateIncreaseOverBaseline() != null) {
      if (baseline == null) {
        findings.add("no baseline version to compare the error rate with");
      } else if (baseline.sampleCount() < limits.minSampleCount()) {
        inconclusive = true;
        findings.add(baseline.sampleCount() + " samples of baseline " + baseline.version() + ", need at least "
            + limits.minSampleCount());
      } else {
        double increase = candidate.errorRate() - baseline.errorRate();
        boolean ok = increase <= limits.maxErrorRateIncreaseOverBaseline();
        failed |= !ok;
        findings.add(format("error rate increase over baseline %.4f %s max %.4f", increase, ok ? "<=" : ">",
            limits.maxErrorRateIncreaseOverBaseline()));
      }
    }
    for (Map.Entry<String, Double> limit : limits.customMetricMax().entrySet()) {
      Double value = candidate.customMetrics().get(limit.getKey());
      if (value == null) {
        inconclusive = true;
        findings.add("custom metric '" + limit.getKey() + "' was not reported");
      } else {
        boolean ok = value <= limit.getValue();
        failed |= !ok;
        findings.add(format("%s %.4f %s max %.4f", limit.getKey(), value, ok ? "<=" : ">", limit.getValue()));
      }
    }
    Measurement.Outcome outcome = failed ? Measurement.Outcome.FAILED
        : inconclusive ? Measurement.Outcome.INCONCLUSIVE : Measurement.Outcome.PASSED;
    return new Measurement(outcome, candidate, baseline, findings);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
