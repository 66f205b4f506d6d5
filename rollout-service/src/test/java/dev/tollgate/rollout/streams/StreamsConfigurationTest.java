package dev.tollgate.rollout.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.deadletter.DeadLetterHandler;
import dev.tollgate.rollout.deadletter.DeadLetterSender;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class StreamsConfigurationTest {

  @Test
  void streamsRunExactlyOnceWithTheConfiguredStateAndTheDeadLetterHandler() {
    KafkaProperties kafka = new KafkaProperties();
    kafka.setBootstrapServers(List.of("127.0.0.1:29092"));
    kafka.getProperties().put("schema.registry.url", "http://127.0.0.1:28081");
    RolloutProperties rollout = new RolloutProperties("tollgate-rollout-it", "/data/rollout-streams", (short) 3,
        Duration.ofMillis(100), 2, Duration.ofMillis(250), Duration.ofSeconds(30), true, Duration.ofSeconds(30),
        Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofHours(24));
    DeadLetterSender sender = record -> { };

    Properties props = StreamsConfiguration.streamsProperties(kafka, rollout, sender);

    assertThat(props)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "tollgate-rollout-it")
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:29092")
        .containsEntry("schema.registry.url", "http://127.0.0.1:28081")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/data/rollout-streams")
        .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class)
        .containsEntry(DeadLetterHandler.SENDER_CONFIG, sender);
    // the streams config must accept all of it
    assertThat(new StreamsConfig(props).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
  }
}
