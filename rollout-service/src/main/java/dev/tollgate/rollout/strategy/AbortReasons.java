package dev.tollgate.rollout.strategy;

import dev.tollgate.rollout.analysis.Measurement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Every reason a rollout is aborted or refused, worded in one place. */
public final class AbortReasons {

  private AbortReasons() {}

  /** A step kind this controller cannot execute yet; it is refused rather than skipped. */
  public static String unsupportedStep(int index, Step step) {
    String what = step instanceof Step.Pause p && !p.timed() ? "pause without duration" : step.type();
    return "step " + index + " (" + what + ") is not supported yet";
  }

  /** One active rollout per model and environment: a second approval is refused, the active one goes on. */
  public static String anotherRolloutActive(RolloutState active) {
    return "refused: deployment " + active.deployment().deploymentId() + " (version " + active.deployment().version()
        + ") is still rolling out " + active.deployment().model() + " in " + active.deployment().environment()
        + "; only one rollout per model and environment may be active";
  }

  public static String invalidStrategy(List<StrategyViolation> violations) {
    return "invalid strategy: " + violations.stream().map(StrategyViolation::message).collect(Collectors.joining("; "));
  }

  public static String manual(String actor, String reason) {
    return "aborted by " + actor + (reason == null || reason.isBlank() ? "" : ": " + reason);
  }

  public static String externalAlert(String alertName, String summary) {
    return "external alert " + alertName + " firing" + (summary == null || summary.isBlank() ? "" : ": " + summary);
  }

  public static String analysisPassed(int index, AnalysisRun run, Measurement last) {
    return "analysis at step " + index + " passed " + run.passed() + " of " + run.measurements()
        + " measurements; last " + last.summary();
  }

  public static String analysisFailed(int index, AnalysisRun run, int failureLimit, Measurement last) {
    return "analysis at step " + index + " failed: " + run.consecutiveFailures()
        + " consecutive failed or inconclusive measurements (limit " + failureLimit + "); last " + last.summary();
  }

  public static String metricBreach(int index, Step step, Measurement measurement) {
    return "health breached the strategy's analysis thresholds during step " + index + " (" + step.type() + "): "
        + measurement.summary();
  }

  public static String trafficNotAcknowledged(String commandId, Instant deadline) {
    return "traffic command " + commandId + " was not acknowledged by its deadline " + deadline;
  }

  public static String trafficFailed(String commandId, String message) {
    return "the serving platform could not apply traffic command " + commandId
        + (message == null || message.isBlank() ? "" : ": " + message);
  }

  public static String restoreFailed(int attempts, String toVersion) {
    return "rollback gave up: the restore of " + (toVersion == null ? "no traffic" : "100% to " + toVersion)
        + " was not applied after " + attempts + " attempts; the serving platform needs a person";
  }

  /** An A/B experiment ended without promoting the candidate; traffic is back on the baseline. */
  public static String experimentNotPromoted(int index, String summary, boolean promoteWinner) {
    return "experiment at step " + index + " concluded, not promoted"
        + (promoteWinner ? "" : " (promoteWinner is false)") + "; traffic back on the baseline: " + summary;
  }

  /** An A/B experiment compares the candidate with the live version; without one there is nothing to compare. */
  public static String experimentWithoutBaseline(int index) {
    return "step " + index + " (experiment) needs a live baseline version to compare with; the lane has none";
  }
}
