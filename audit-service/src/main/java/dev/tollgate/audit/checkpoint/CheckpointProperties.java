package dev.tollgate.audit.checkpoint;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When checkpoints are signed ({@code tollgate.audit.checkpoints.*}): after {@code everyEvents}
 * links were appended, or {@code every} after the last round, whichever comes first; each round
 * signs every chain whose head moved since its last checkpoint. Rounds start at most once per
 * {@code minInterval}: under a high ingest rate a round covers more links instead of rounds
 * following each other (each one verifies, signs, stores and publishes every moved chain).
 *
 * @param minInterval shortest time between the starts of two rounds triggered by {@code everyEvents}
 * @param publishTimeout how long to wait for the broker to acknowledge the checkpoints of a round
 */
@ConfigurationProperties("tollgate.audit.checkpoints")
public record CheckpointProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1000") long everyEvents,
    @DefaultValue("30s") Duration every,
    @DefaultValue("5s") Duration minInterval,
    @DefaultValue("30s") Duration publishTimeout) {

  public CheckpointProperties {
    if (everyEvents < 1) {
      throw new IllegalArgumentException("tollgate.audit.checkpoints.every-events must be >= 1: " + everyEvents);
    }
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("tollgate.audit.checkpoints.every must be positive: " + every);
    }
    if (minInterval.isNegative() || minInterval.compareTo(every) > 0) {
      throw new IllegalArgumentException("tollgate.audit.checkpoints.min-interval must be between 0 and every ("
          + every + "): " + minInterval);
    }
  }
}
