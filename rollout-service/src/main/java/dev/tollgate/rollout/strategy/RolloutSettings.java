package dev.tollgate.rollout.strategy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
 */
public record RolloutSettings(Duration trafficAckTimeout, boolean requireTrafficAcks, int restoreAttempts) {

  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_RESTORE_ATTEMPTS = 3;

  public RolloutSettings {
    Objects.requireNonNull(trafficAckTimeout, "trafficAckTimeout");
    if (restoreAttempts < 1) {
      throw new IllegalArgumentException("restoreAttempts must be at least 1");
    }
  }

  /** 30 s ack timeout, acknowledgements required, 3 restore attempts. */
  public static RolloutSettings defaults() {
    return new RolloutSettings(DEFAULT_ACK_TIMEOUT, true, DEFAULT_RESTORE_ATTEMPTS);
  }

  public static RolloutSettings withoutAcks() {
    return new RolloutSettings(DEFAULT_ACK_TIMEOUT, false, DEFAULT_RESTORE_ATTEMPTS);
  }

  /** Empty when the step can be executed; else the reason it cannot (see {@link AbortReasons}). */
  public Optional<String> unsupported(int index, Step step) {
    boolean supported = step instanceof Step.SetWeight || step instanceof Step.Pause p && p.timed()
        || step instanceof Step.Analysis || BlueGreenSteps.handles(step) || step instanceof Step.Experiment;
    return supported ? Optional.empty() : Optional.of(AbortReasons.unsupportedStep(index, step));
  }
}
