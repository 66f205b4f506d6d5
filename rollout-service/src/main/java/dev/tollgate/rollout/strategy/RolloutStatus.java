package dev.tollgate.rollout.strategy;

import dev.tollgate.strategy.Step;

/**
 * The status of a rollout, derived (never stored) from its {@link RolloutState}, the way Argo
 * Rollouts derives its phase: one pure function, so the status cannot disagree with the state.
 */
public record RolloutStatus(RolloutPhase phase, int stepIndex, int stepCount, String message) {

  public static RolloutStatus of(RolloutState state) {
    int count = state.strategy().size();
    int index = state.stepIndex();
    if (state.abortReason() != null) {
      return new RolloutStatus(RolloutPhase.ABORTED, index, count, state.abortReason());
    }
    Rollback rollback = state.rollback();
    if (rollback != null) {
      String target = rollback.toVersion() == null ? "traffic withdrawn (no known-good version)"
          : "traffic back on " + rollback.toVersion();
      return rollback.completed()
          ? new RolloutStatus(RolloutPhase.ROLLED_BACK, index, count, "rolled back, " + target + ": " + rollback.reason())
          : new RolloutStatus(RolloutPhase.ROLLING_BACK, index, count,
              "rolling back (" + target + ", awaiting acknowledgement): " + rollback.reason());
    }
    if (state.promoted()) {
      return new RolloutStatus(RolloutPhase.PROMOTED, index, count,
          "version " + state.deployment().version() + " promoted to 100%");
    }
    if (state.control().paused()) {
      return new RolloutStatus(RolloutPhase.PROGRESSING, index, count,
          "step " + index + ": paused by an operator since " + state.control().pausedAt() + ", until resumed");
    }
    if (!state.allStepsDone() && state.stepStartedAt() != null
        && state.strategy().step(index) instanceof Step.Gate gate) {
      return new RolloutStatus(RolloutPhase.PROGRESSING, index, count,
          "step " + index + " (gate " + gate.name() + "): awaiting the gate's approval, " + state.candidateWeight()
              + "% on the new version");
    }
    if (GateSteps.waitingUntilResumed(state)) {
      return new RolloutStatus(RolloutPhase.PROGRESSING, index, count,
          "step " + index + " (pause): waiting until an operator resumes");
    }
    if (state.ackDeadline() != null) {
      return new RolloutStatus(RolloutPhase.PROGRESSING, index, count, "step " + index + ": waiting until "
          + state.ackDeadline() + " for the acknowledgement of traffic command " + state.lastTrafficCommandId());
    }
    if (state.pauseUntil() != null) {
      // a pause, a scale-down delay or an experiment's duration
      String type = state.allStepsDone() ? "pause" : state.strategy().step(index).type();
      return new RolloutStatus(RolloutPhase.PROGRESSING, index, count,
          "step " + index + " (" + type + "): waiting until " + state.pauseUntil());
    }
    if (state.analysis() != null) {
      AnalysisRun run = state.analysis();
      return new RolloutStatus(RolloutPhase.PROGRESSING, index, count, "step " + index + " (analysis): "
          + run.passed() + " passed, " + run.consecutiveFailures() + " failed in a row, next measurement at "
          + run.nextMeasurementAt());
    }
    return new RolloutStatus(RolloutPhase.PROGRESSING, index, count,
        "at step " + index + " of " + count + ", " + state.candidateWeight() + "% on the new version");
  }
}
