package dev.tollgate.rollout.streams;

import dev.tollgate.rollout.strategy.RolloutSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.rollout.*}: how the rollout topology runs.
 *
 * @param applicationId Kafka Streams application.id (consumer group, prefix of internal topics)
 * @param stateDir where the state stores live on disk; keep it across restarts
 * @param replicationFactor of the internal changelog topics
 * @param commitInterval how often Streams commits its transaction (bounds end-to-end latency under exactly-once)
 * @param streamThreads stream threads in this instance
 * @param timerInterval how often due timers (timed pauses) are looked for
 * @param trafficAckTimeout deadline put on traffic commands
 * @param requireTrafficAcks whether a traffic shift counts only once the serving platform acknowledges it
 *     (setWeight steps, promotion and rollback wait for the ack; a missed deadline rolls back). Turn it
 *     off only where no serving-platform adapter answers (a local stack without the simulator).
 * @param closeTimeout how long a shutdown waits for Streams to close cleanly
 * @param deadLetterTimeout how long writing a dead letter may take before Streams stops
 * @param stepDeadline how long a step may run beyond its own planned time before it rolls back
 *     (STEP_DEADLINE_MISSED)
 * @param gateDeadline how long a gate step or a pause until resumed may wait for people
 */
@ConfigurationProperties("tollgate.rollout")
public record RolloutProperties(
    @DefaultValue("tollgate-rollout") String applicationId,
    @DefaultValue("./.tollgate/rollout-streams") String stateDir,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("100ms") Duration commitInterval,
    @DefaultValue("1") int streamThreads,
    @DefaultValue("250ms") Duration timerInterval,
    @DefaultValue("30s") Duration trafficAckTimeout,
    @DefaultValue("true") boolean requireTrafficAcks,
    @DefaultValue("30s") Duration closeTimeout,
    @DefaultValue("10s") Duration deadLetterTimeout,
    @DefaultValue("30m") Duration stepDeadline,
    @DefaultValue("24h") Duration gateDeadline) {

  public RolloutSettings settings() {
    return new RolloutSettings(trafficAckTimeout, requireTrafficAcks, RolloutSettings.DEFAULT_RESTORE_ATTEMPTS,
        stepDeadline, gateDeadline);
  }
}
