package dev.tollgate.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.schemas.serde.AvroDeserializer;
import dev.tollgate.schemas.serde.AvroSerializer;
import dev.tollgate.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tollgate's own serde against this registry through the real broker: the serializer registers
 * the value schema and frames records with its id; the deserializer resolves the id, also from a
 * restarted registry.
 */
@ExtendWith(KafkaBroker.class)
class AvroSerdeRoundTripIT {

  @Test
  void healthSampleRoundTripsThroughBrokerAndRegistry() throws Exception {
    String topic = Topics.HEALTH_SAMPLES.name();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    RegistryConfig config = new RegistryConfig(KafkaBroker.bootstrapServers(), "127.0.0.1", 0,
        "_schemas-serde-" + UUID.randomUUID(), Duration.ofSeconds(60));
    HealthSample sample = sample();
    int schemaId;

    try (SchemaRegistryServer registry = SchemaRegistryServer.start(config)) {
      AvroSerializer<HealthSample> serializer = new AvroSerializer<>();
      serializer.configure(Map.of("schema.registry.url", registry.url()), false);
      try (KafkaProducer<String, HealthSample> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
          ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
        producer.send(new ProducerRecord<>(topic, sample.getEnvelope().getModelName(), sample)).get();
      }

      RegistryHttp http = new RegistryHttp(registry.url());
      schemaId = http.get("/subjects/" + Topics.HEALTH_SAMPLES.valueSubject() + "/versions/latest").json()
          .get("id").asInt();
      byte[] wire = readAll(topic, new ByteArrayDeserializer()).get(0).value();
      ByteBuffer header = ByteBuffer.wrap(wire);
      assertThat(header.get()).isZero();
      assertThat(header.getInt()).isEqualTo(schemaId);

      assertThat(readAll(topic, deserializer(registry.url())).get(0).value()).isEqualTo(sample);
    }

    // a new registry on the same topic resolves the same id for a reader that never saw it
    try (SchemaRegistryServer restarted = SchemaRegistryServer.start(config)) {
      List<ConsumerRecord<String, HealthSample>> records = readAll(topic, deserializer(restarted.url()));
      assertThat(records).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(sample));
      assertThat(new RegistryHttp(restarted.url()).get("/schemas/ids/" + schemaId).status()).isEqualTo(200);
    }
  }

  private static AvroDeserializer<HealthSample> deserializer(String url) {
    AvroDeserializer<HealthSample> deserializer = new AvroDeserializer<>(HealthSample.class);
    deserializer.configure(Map.of("schema.registry.url", url), false);
    return deserializer;
  }

  private static <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> values) {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values)) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<String, V>> records = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return !records.isEmpty();
      });
      return records;
    }
  }

  private static HealthSample sample() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return HealthSample.newBuilder()
        .setEnvelope(Envelope.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setOccurredAt(now)
            .setActor("system:serving-platform")
            .setDeploymentId(null)
            .setModelName("fraud-detector")
            .setModelVersion("1.4.0")
            .setEnvironment("staging")
            .setCausationId(null)
            .build())
        .setWindowStart(now.minusSeconds(10))
        .setWindowEnd(now)
        .setRequestCount(1200)
        .setErrorCount(3)
        .setLatencyP50Ms(12.5)
        .setLatencyP95Ms(40.0)
        .setLatencyP99Ms(88.0)
        .setCustomMetrics(Map.of("auc", 0.93))
        .build();
  }
}
