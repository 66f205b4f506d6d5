package dev.tollgate.rollout.strategy;

import java.time.Duration;
import java.time.Instant;

/**
 * Progress of the analysis step being executed.
 *
 * @param measurements measurements taken so far
 * @param passed measurements that passed (the step passes at the step's {@code count})
 * @param consecutiveFailures failed or inconclusive measurements in a row (the step fails above its
 *     {@code failureLimit})
 * @param nextMeasurementAt when the next measurement is due
 */
public record AnalysisRun(int measurements, int passed, int consecutiveFailures, Instant nextMeasurementAt) {

  static AnalysisRun startingAt(Instant now, Duration interval) {
    return new AnalysisRun(0, 0, 0, now.plus(interval));
  }

  /** After a measurement at {@code now}; the next is one interval later (from now, so a late timer does not bunch them). */
  AnalysisRun after(boolean pass, Instant now, Duration interval) {
    return new AnalysisRun(measurements + 1, pass ? passed + 1 : passed, pass ? 0 : consecutiveFailures + 1,
        now.plus(interval));
  }
}
