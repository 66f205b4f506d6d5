package dev.tollgate.rollout.strategy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the controller can execute, and its timing. The step kinds it cannot execute yet make a
 * rollout abort before any traffic moves, never get skipped.
 *
 * @param trafficAckTimeout how long the serving platform has to acknowledge a traffic command
 */
public record RolloutSettings(Duration trafficAckTimeout) {

  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);

  public RolloutSettings {
    Objects.requireNonNull(trafficAckTimeout, "trafficAckTimeout");
  }

  public static RolloutSettings defaults() {
    return new RolloutSettings(DEFAULT_ACK_TIMEOUT);
  }

  /** Empty when the step can be executed; else the reason it cannot (see {@link AbortReasons}). */
  public Optional<String> unsupported(int index, Step step) {
    boolean supported = step instanceof Step.SetWeight || step instanceof Step.Pause p && p.timed();
    return supported ? Optional.empty() : Optional.of(AbortReasons.unsupportedStep(index, step));
  }
}
