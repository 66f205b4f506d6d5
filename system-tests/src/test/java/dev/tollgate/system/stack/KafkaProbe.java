package dev.tollgate.system.stack;

import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records onto the stack's topics and reads dead letters back, as CI or an operator would. */
public final class KafkaProbe {

  private final StackEndpoints stack;

  public KafkaProbe(StackEndpoints stack) {
    this.stack = stack;
  }

  /** Sends raw bytes (what a broken producer might write) with a string key. */
  public RecordMetadata sendRaw(Topic<String, ?> topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
      return producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("send to " + topic.name() + " failed", e.getCause());
    }
  }

  /** Sends an Avro record in the Confluent wire format, registering its schema like CI's serializer would. */
  public <V> RecordMetadata send(Topic<String, V> topic, String key, V value) {
    Serde<V> serde = topic.valueSerde(Map.of("schema.registry.url", stack.registryUrl()));
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), serde.serializer())) {
      return producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("send to " + topic.name() + " failed", e.getCause());
    }
  }

  /** A producer of Avro records onto {@code topic}, for many sends; the caller closes it. */
  public <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
    Serde<V> serde = topic.valueSerde(Map.of("schema.registry.url", stack.registryUrl()));
    return new KafkaProducer<>(producerConfig(), new StringSerializer(), serde.serializer());
  }

  /** The dead letter of the record at {@code source}'s partition and offset, if it has arrived. */
  public Optional<ConsumerRecord<byte[], byte[]>> deadLetterOf(Topic<byte[], byte[]> deadLetters, String sourceTopic, RecordMetadata source) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(deadLetters.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (sourceTopic.equals(DeadLetter.header(record.headers(), DeadLetter.SOURCE_TOPIC))
              && String.valueOf(source.partition()).equals(DeadLetter.header(record.headers(), DeadLetter.SOURCE_PARTITION))
              && String.valueOf(source.offset()).equals(DeadLetter.header(record.headers(), DeadLetter.SOURCE_OFFSET))) {
            return Optional.of(record);
          }
        }
      }
      return Optional.empty();
    }
  }

  private Map<String, Object> producerConfig() {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
  }
}
