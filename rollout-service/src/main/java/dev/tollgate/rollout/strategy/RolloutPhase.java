package dev.tollgate.rollout.strategy;

/** Where a rollout is, derived from its state by {@link RolloutStatus#of}. */
public enum RolloutPhase {
  /** Executing steps, including waiting out a timed pause. */
  PROGRESSING,
  /** All steps done; the new version has all traffic and is the known-good version. */
  PROMOTED,
  /** Stopped for good; traffic went back to the baseline. */
  ABORTED;

  public boolean terminal() {
    return this != PROGRESSING;
  }
}
