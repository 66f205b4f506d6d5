package dev.tollgate.rollout.analysis;

import java.util.List;
import java.util.Objects;

/**
 * One judged measurement: its outcome, the numbers and one finding per threshold.
 *
 * @param baseline the baseline version's stats; null when there is no baseline version
 * @param findings per threshold, e.g. {@code error rate 0.0800 > max 0.0500}
 */
public record Measurement(Outcome outcome, HealthStats candidate, HealthStats baseline, List<String> findings) {

  public enum Outcome {
    PASSED,
    FAILED,
    /** Too few samples (or a judged metric never reported): no evidence either way. */
    INCONCLUSIVE
  }

  public Measurement {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(candidate, "candidate");
    findings = List.copyOf(findings);
  }

  public boolean passed() {
    return outcome == Outcome.PASSED;
  }

  /** Outcome, findings and the numbers, for verdict events and rollback reasons. */
  public String summary() {
    return outcome.name().toLowerCase(java.util.Locale.ROOT) + ": " + String.join("; ", findings) + " ["
        + candidate.describe() + (baseline == null ? "" : "; baseline " + baseline.describe()) + "]";
  }
}
