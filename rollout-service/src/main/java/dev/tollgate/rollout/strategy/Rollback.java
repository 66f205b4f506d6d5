package dev.tollgate.rollout.strategy;

import java.util.Objects;

/**
 * A rollback in progress or done.
 *
 * @param toVersion the last known-good version traffic goes back to; null: none, traffic is withdrawn
 * @param restoreAttempts restore commands sent so far (a missed or refused restore is re-sent)
 * @param completed the restore is in effect (acknowledged, or sent when acknowledgements are not required)
 */
public record Rollback(
    RollbackTrigger trigger, String reason, int stepIndex, String toVersion, int restoreAttempts, boolean completed) {

  public Rollback {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(reason, "reason");
  }

  Rollback retried() {
    return new Rollback(trigger, reason, stepIndex, toVersion, restoreAttempts + 1, false);
  }

  Rollback done() {
    return new Rollback(trigger, reason, stepIndex, toVersion, restoreAttempts, true);
  }
}
