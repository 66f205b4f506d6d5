package dev.tollgate.rollout.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class StreamsHealthIndicatorTest {

  private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>();
  private final StreamsHealthIndicator indicator = new StreamsHealthIndicator(state::get);

  @Test
  void upOnlyWhileRunning() {
    assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(indicator.health().getDetails()).containsEntry("state", "NOT_STARTED");

    for (KafkaStreams.State s : KafkaStreams.State.values()) {
      state.set(s);
      Health health = indicator.health();
      assertThat(health.getStatus()).isEqualTo(s == KafkaStreams.State.RUNNING ? Status.UP : Status.DOWN);
      assertThat(health.getDetails()).containsEntry("state", s.name());
    }
  }
}
