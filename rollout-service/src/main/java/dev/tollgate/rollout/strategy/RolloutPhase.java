package dev.tollgate.rollout.strategy;

/** Where a rollout is, derived from its state by {@link RolloutStatus#of}. */
public enum RolloutPhase {
  /** Executing steps: shifting traffic, baking, analysing. */
  PROGRESSING,
  /** Traffic is going back to the last known-good version; waits for the restore to be acknowledged. */
  ROLLING_BACK,
  /** All steps done; the new version has all traffic and is the known-good version. */
  PROMOTED,
  /** Traffic is back on the last known-good version (or withdrawn when there was none). */
  ROLLED_BACK,
  /** Stopped for good before or without a rollback (refused, unsupported, restore never acknowledged). */
  ABORTED;

  public boolean terminal() {
    return this == PROMOTED || this == ROLLED_BACK || this == ABORTED;
  }
}
