package dev.tollgate.rollout.strategy;

/**
 * The status of a rollout, derived (never stored) from its {@link RolloutState}, the way Argo
 * Rollouts derives its phase: one pure function, so the status cannot disagree with the state.
 */
public record RolloutStatus(RolloutPhase phase, int stepIndex, int stepCount, String message) {

  public static RolloutStatus of(RolloutState state) {
    int count = state.strategy().size();
    if (state.abortReason() != null) {
      return new RolloutStatus(RolloutPhase.ABORTED, state.stepIndex(), count, state.abortReason());
    }
    if (state.promoted()) {
      return new RolloutStatus(RolloutPhase.PROMOTED, state.stepIndex(), count,
          "version " + state.deployment().version() + " promoted to 100%");
    }
    if (state.pauseUntil() != null) {
      return new RolloutStatus(RolloutPhase.PROGRESSING, state.stepIndex(), count,
          "step " + state.stepIndex() + " (pause): waiting until " + state.pauseUntil());
    }
    return new RolloutStatus(RolloutPhase.PROGRESSING, state.stepIndex(), count,
        "at step " + state.stepIndex() + " of " + count + ", " + state.candidateWeight() + "% on the new version");
  }
}
