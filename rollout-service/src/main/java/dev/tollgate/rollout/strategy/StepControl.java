package dev.tollgate.rollout.strategy;

import java.time.Duration;
import java.time.Instant;

/**
 * What people and deadlines say about the running rollout, next to its steps: an operator's pause,
 * an operator's promote, and the current step's deadline.
 *
 * @param pausedAt when an operator paused the rollout; null while it is not paused. Paused, no step
 *     starts or completes and no timer runs (bake checks still judge health)
 * @param promoting an operator asked to promote: the remaining steps are skipped, except gate steps,
 *     which still wait for their approval
 * @param stepDeadline when the current step must be done by ({@code tollgate.rollout.step-deadline},
 *     {@code gate-deadline}); null before the step starts or when no deadline applies
 */
public record StepControl(Instant pausedAt, boolean promoting, Instant stepDeadline) {

  public static final StepControl NONE = new StepControl(null, false, null);

  public boolean paused() {
    return pausedAt != null;
  }

  StepControl pausedAt(Instant at) {
    return new StepControl(at, promoting, stepDeadline);
  }

  /** Resumed: the deadline moves by the time spent paused. */
  StepControl resumed(Duration pausedFor) {
    return new StepControl(null, promoting, stepDeadline == null ? null : stepDeadline.plus(pausedFor));
  }

  StepControl withPromoting() {
    return new StepControl(pausedAt, true, stepDeadline);
  }

  StepControl withDeadline(Instant deadline) {
    return new StepControl(pausedAt, promoting, deadline);
  }
}
