package dev.tollgate.rollout.strategy;

/** Why a rollout is rolled back; mirrors the {@code RollbackTrigger} enum of the rollout events. */
public enum RollbackTrigger {
  /** Health breached the strategy's thresholds during a bake (setWeight or pause step). */
  METRIC_BREACH,
  /** An analysis step saw more consecutive failed measurements than its failure limit. */
  ANALYSIS_FAILED,
  STEP_DEADLINE_MISSED,
  /** The serving platform did not acknowledge a traffic command by its deadline. */
  TRAFFIC_NOT_ACKNOWLEDGED,
  /** The serving platform acknowledged a traffic command as not applied. */
  TRAFFIC_FAILED,
  MANUAL_ABORT,
  EXTERNAL_ALERT
}
