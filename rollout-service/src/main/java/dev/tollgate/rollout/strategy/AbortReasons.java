package dev.tollgate.rollout.strategy;

import dev.tollgate.rollout.analysis.Measurement;
import dev.tollgate.strategy.InvalidStrategyException;
import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.StrategyViolation;
import java.time.Instant;
import java.util.List;

/** Every reason a rollout is aborted or refused, worded in one place. */
public final class AbortReasons {

  private AbortReasons() {}

  /** A step kind the controller has no branch for (a guard: every kind of {@link Step} has one). */
  public static String unsupportedStep(int index, Step step) {
    return "step " + index + " (" + step.type() + ") cannot be executed by this controller";
  }

  /** One active rollout per model and environment: a second approval is refused, the active one goes on. */
  public static String anotherRolloutActive(RolloutState active) {
    return "refused: deployment " + active.deployment().deploymentId() + " (version " + active.deployment().version()
        + ") is still rolling out " + active.deployment().model() + " in " + active.deployment().environment()
        + "; only one rollout per model and environment may be active";
  }

  /** Worded as approval-service's intake words its refusal of the same strategy. */
  public static String invalidStrategy(List<StrategyViolation> violations) {
    return InvalidStrategyException.describe(violations);
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

  /** A gate's rejection rolls back with trigger MANUAL_ABORT: people decided, with their reason. */
  public static String gateRejected(int index, String gate, List<String> rejectedBy, String reason) {
    return "gate " + gate + " at step " + index + " rejected by " + String.join(", ", rejectedBy)
        + (reason == null || reason.isBlank() ? "" : ": " + reason);
  }

  public static String stepDeadlineMissed(int index, Step step, Instant startedAt, Instant deadline, Instant now) {
    return "step " + index + " (" + step.type() + ") started at " + startedAt + " and was not done by its deadline "
        + deadline + " (" + java.time.Duration.between(startedAt, deadline) + " after its start); now " + now;
  }

  /** Why a rollout paused (RolloutPaused.reason): an operator's pause. */
  public static String pausedBy(String actor, String reason) {
    return "paused by " + actor + (reason == null || reason.isBlank() ? "" : ": " + reason);
  }

  /** Why a rollout resumed by an operator is still paused (RolloutPaused.reason): a gate step waits. */
  public static String awaitingGate(int index, String gate) {
    return "step " + index + " (gate " + gate + ") still awaits its approval";
  }

  /** Why a rollout paused (RolloutPaused.reason): it reached a pause without duration. */
  public static String untilResumed(int index) {
    return "step " + index + " (pause) waits until an operator resumes";
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
