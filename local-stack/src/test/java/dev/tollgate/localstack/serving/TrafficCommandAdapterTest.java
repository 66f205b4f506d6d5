package dev.tollgate.localstack.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrafficCommandAdapterTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final TopicPartition PARTITION = new TopicPartition(Topics.TRAFFIC_COMMANDS.name(), 1);

  private final Map<String, Object> serdeConfig = Map.of("schema.registry.url", "mock://adapter-" + UUID.randomUUID());
  private final Serde<TrafficCommand> commandSerde = Topics.TRAFFIC_COMMANDS.valueSerde(serdeConfig);
  private final AtomicInteger ids = new AtomicInteger();
  private MockConsumer<String, byte[]> consumer;
  private MockProducer<String, TrafficAck> producer;
  private SimulatedPlatform platform;
  private ProfileBook profiles;
  private TrafficCommandAdapter adapter;

  @BeforeEach
  void setUp() {
    consumer = new MockConsumer<>("earliest");
    consumer.assign(List.of(PARTITION));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    producer = new MockProducer<>(true, null, new StringSerializer(),
        Topics.TRAFFIC_ACKS.valueSerde(serdeConfig).serializer());
    producer.initTransactions();
    profiles = new ProfileBook();
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    platform = new SimulatedPlatform(profiles, clock);
    adapter = new TrafficCommandAdapter(consumer, producer, commandSerde.deserializer(), platform,
        new TrafficAcks(TrafficAcks.SIMULATOR_ACTOR, clock, () -> "ack-" + ids.incrementAndGet()));
  }

  private static TrafficCommand command(String commandId, String version, VersionWeight... weights) {
    Envelope envelope = Envelope.newBuilder()
        .setEventId("event-" + commandId)
        .setOccurredAt(NOW.minusSeconds(1))
        .setActor("system:rollout-service")
        .setDeploymentId("deployment-7")
        .setModelName("fraud-detector")
        .setModelVersion(version)
        .setEnvironment("staging")
        .setCausationId("approval-1")
        .build();
    return TrafficCommand.newBuilder().setEnvelope(envelope).setCommandId(commandId)
        .setWeights(List.of(weights)).setAckDeadline(NOW.plusSeconds(30)).build();
  }

  private void deliver(long offset, TrafficCommand command) {
    deliverRaw(offset, commandSerde.serializer().serialize(PARTITION.topic(), command));
  }

  private void deliverRaw(long offset, byte[] value) {
    consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, "fraud-detector", value));
  }

  private List<TrafficAck> acks() {
    return producer.history().stream().map(ProducerRecord::value).toList();
  }

  @Test
  void appliesTheSplitAndAcknowledgesItInTheCommandsTransaction() {
    deliver(0, command("cmd-1", "2.0.0", new VersionWeight("2.0.0", 20), new VersionWeight("1.4.0", 80)));

    TrafficCommandAdapter.Outcome outcome = adapter.pollOnce(Duration.ofMillis(10));

    assertThat(outcome).isEqualTo(new TrafficCommandAdapter.Outcome(1, 0, true));
    assertThat(producer.transactionCommitted()).isTrue();
    ProducerRecord<String, TrafficAck> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo(Topics.TRAFFIC_ACKS.name());
    assertThat(sent.key()).isEqualTo("fraud-detector");
    TrafficAck ack = sent.value();
    assertThat(ack.getCommandId()).isEqualTo("cmd-1");
    assertThat(ack.getApplied()).isTrue();
    assertThat(ack.getMessage()).contains("2.0.0=20%, 1.4.0=80%");
    assertThat(ack.getWeights()).containsExactly(new VersionWeight("2.0.0", 20), new VersionWeight("1.4.0", 80));
    Envelope e = ack.getEnvelope();
    assertThat(e.getEventId()).isEqualTo("ack-1");
    assertThat(e.getActor()).isEqualTo("system:serving-simulator");
    assertThat(e.getCausationId()).isEqualTo("event-cmd-1");
    assertThat(e.getOccurredAt()).isEqualTo(NOW);
    assertThat(List.of(e.getDeploymentId(), e.getModelName(), e.getModelVersion(), e.getEnvironment()))
        .containsExactly("deployment-7", "fraud-detector", "2.0.0", "staging");
    assertThat(producer.consumerGroupOffsetsHistory()).hasSize(1);
    assertThat(producer.consumerGroupOffsetsHistory().get(0).values().iterator().next())
        .containsEntry(PARTITION, new OffsetAndMetadata(1));
    assertThat(platform.live()).singleElement().satisfies(split -> {
      assertThat(split.shares()).containsExactly(new TrafficSplit.Share("2.0.0", 20), new TrafficSplit.Share("1.4.0", 80));
      assertThat(split.commandId()).isEqualTo("cmd-1");
    });
  }

  @Test
  void aSplitThePlatformRefusesIsAcknowledgedAsNotAppliedWithTheSplitStillServing() {
    deliver(0, command("cmd-1", "1.4.0", new VersionWeight("1.4.0", 100)));
    adapter.pollOnce(Duration.ofMillis(10));
    profiles.put("fraud-detector", "2.0.0", new HealthProfile(0.001, 40, 90, 120, 200, Map.of(), true));
    deliver(1, command("cmd-2", "2.0.0", new VersionWeight("2.0.0", 20), new VersionWeight("1.4.0", 80)));
    deliver(2, command("cmd-3", "2.0.0", new VersionWeight("2.0.0", 70), new VersionWeight("1.4.0", 80)));

    assertThat(adapter.pollOnce(Duration.ofMillis(10))).isEqualTo(new TrafficCommandAdapter.Outcome(2, 0, true));

    List<TrafficAck> acks = acks();
    assertThat(acks).extracting(TrafficAck::getApplied).containsExactly(true, false, false);
    assertThat(acks.get(1).getMessage()).contains("2.0.0", "not ready");
    assertThat(acks.get(2).getMessage()).contains("add up to 150 %");
    assertThat(acks.get(2).getWeights()).as("what still serves").containsExactly(new VersionWeight("1.4.0", 100));
  }

  @Test
  void anUnreadableRecordIsSkippedAndItsOffsetCommittedWithTheOthers() {
    deliverRaw(0, "not avro".getBytes(StandardCharsets.UTF_8));
    deliverRaw(1, null);
    deliver(2, command("cmd-1", "1.4.0", new VersionWeight("1.4.0", 100)));

    assertThat(adapter.pollOnce(Duration.ofMillis(10))).isEqualTo(new TrafficCommandAdapter.Outcome(1, 2, true));

    assertThat(acks()).extracting(TrafficAck::getCommandId).containsExactly("cmd-1");
    assertThat(producer.consumerGroupOffsetsHistory().get(0).values().iterator().next())
        .containsEntry(PARTITION, new OffsetAndMetadata(3));
  }

  @Test
  void aFailedTransactionRewindsSoTheRedeliveredCommandIsAcknowledgedOnce() {
    producer.commitTransactionException = new KafkaException("broker went away");
    deliver(0, command("cmd-1", "1.4.0", new VersionWeight("1.4.0", 100)));

    assertThat(adapter.pollOnce(Duration.ofMillis(10)).committed()).isFalse();
    assertThat(producer.transactionAborted()).isTrue();
    assertThat(producer.history()).as("nothing from the aborted transaction").isEmpty();
    assertThat(consumer.position(PARTITION)).isZero();

    producer.commitTransactionException = null;
    deliver(0, command("cmd-1", "1.4.0", new VersionWeight("1.4.0", 100))); // the broker redelivers from offset 0
    assertThat(adapter.pollOnce(Duration.ofMillis(10)).committed()).isTrue();

    assertThat(acks()).extracting(TrafficAck::getCommandId).containsExactly("cmd-1");
    assertThat(platform.live()).hasSize(1);
  }

  @Test
  void aFencedProducerStopsTheAdapter() {
    producer.commitTransactionException = new ProducerFencedException("another simulator took over");
    deliver(0, command("cmd-1", "1.4.0", new VersionWeight("1.4.0", 100)));

    assertThatThrownBy(() -> adapter.pollOnce(Duration.ofMillis(10)))
        .isInstanceOf(TrafficCommandAdapter.FatalTransactionException.class)
        .hasMessageContaining("another simulator took over");
  }

  @Test
  void anEmptyPollCommitsNothing() {
    assertThat(adapter.pollOnce(Duration.ofMillis(10))).isEqualTo(new TrafficCommandAdapter.Outcome(0, 0, true));
    assertThat(producer.commitCount()).isZero();
  }

  @Test
  void aPlatformThatThrowsRefusesTheSplit() {
    TrafficCommandAdapter failing = new TrafficCommandAdapter(consumer, producer, commandSerde.deserializer(),
        split -> {
          throw new IllegalStateException("API server unreachable");
        },
        new TrafficAcks("system:kserve-adapter", Clock.fixed(NOW, ZoneOffset.UTC), () -> "ack-x"));
    deliver(0, command("cmd-1", "1.4.0", new VersionWeight("1.4.0", 100)));

    failing.pollOnce(Duration.ofMillis(10));

    assertThat(acks()).singleElement().satisfies(ack -> {
      assertThat(ack.getApplied()).isFalse();
      assertThat(ack.getMessage()).contains("API server unreachable");
      assertThat(ack.getEnvelope().getActor()).isEqualTo("system:kserve-adapter");
    });
  }
}
