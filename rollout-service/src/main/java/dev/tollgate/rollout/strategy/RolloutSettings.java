package dev.tollgate.rollout.strategy;

import java.time.Duration;
import java.util.Objects;

/**
 * What the controller can execute, and its timing. The step kinds it cannot execute yet make a
 * rollout abort before any traffic moves, never get skipped.
 *
 * @param trafficAckTimeout how long the serving platform has to acknowledge a traffic command
 * @param requireTrafficAcks whether a traffic shift counts only once acknowledged: a setWeight step
 *     completes, a promotion and a rollback finish, only after the platform's ack, and a missed
 *     deadline rolls back. Off, commands are fire-and-forget (no serving-platform adapter), but an
 *     ack saying "not applied" still rolls back.
 * @param restoreAttempts how many times a rollback's restore command is sent before giving up
 * @param stepDeadline how long a step may run beyond its own planned time (a timed pause's duration, an
 *     analysis' interval × (count + failureLimit)) before it rolls back with STEP_DEADLINE_MISSED; null: none
 * @param gateDeadline how long a gate step, or a pause until resumed, may wait for people; null: none
 */
public record RolloutSettings(Duration trafficAckTimeout, boolean requireTrafficAcks, int restoreAttempts,
    Duration stepDeadline, Duration gateDeadline) {

  public static final Duration DEFAULT_STEP_DEADLINE = Duration.ofMinutes(30);
  public static final Duration DEFAULT_GATE_DEADLINE = Duration.ofHours(24);

  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_RESTORE_ATTEMPTS = 3;

  public RolloutSettings {
    Objects.requireNonNull(trafficAckTimeout, "trafficAckTimeout");
    if (restoreAttempts < 1) {
      throw new IllegalArgumentException("restoreAttempts must be at least 1");
    }
    if (!positiveOrNull(stepDeadline) || !positiveOrNull(gateDeadline)) {
      throw new IllegalArgumentException("step and gate deadlines must be positive (or null: none)");
    }
  }

  private static boolean positiveOrNull(Duration d) {
    return d == null || !(d.isNegative() || d.isZero());
  }

  /** With the default step (30 min) and gate (24 h) deadlines. */
  public RolloutSettings(Duration trafficAckTimeout, boolean requireTrafficAcks, int restoreAttempts) {
    this(trafficAckTimeout, requireTrafficAcks, restoreAttempts, DEFAULT_STEP_DEADLINE, DEFAULT_GATE_DEADLINE);
  }

  public RolloutSettings withDeadlines(Duration step, Duration gate) {
    return new RolloutSettings(trafficAckTimeout, requireTrafficAcks, restoreAttempts, step, gate);
  }

  /** 30 s ack timeout, acknowledgements required, 3 restore attempts. */
  public static RolloutSettings defaults() {
    return new RolloutSettings(DEFAULT_ACK_TIMEOUT, true, DEFAULT_RESTORE_ATTEMPTS);
  }

  public static RolloutSettings withoutAcks() {
    return new RolloutSettings(DEFAULT_ACK_TIMEOUT, false, DEFAULT_RESTORE_ATTEMPTS);
  }
}
