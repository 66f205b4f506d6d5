package dev.tollgate.rollout.streams;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP only while Kafka Streams is RUNNING: rebalancing, starting or failed means it cannot do its work. */
public final class StreamsHealthIndicator implements HealthIndicator {

  private final Supplier<KafkaStreams.State> state;

  public StreamsHealthIndicator(Supplier<KafkaStreams.State> state) {
    this.state = state;
  }

  @Override
  public Health health() {
    KafkaStreams.State current = state.get();
    Health.Builder health = current == KafkaStreams.State.RUNNING ? Health.up() : Health.down();
    return health.withDetail("state", current == null ? "NOT_STARTED" : current.name()).build();
  }
}
