package dev.tollgate.registry.kafka;

import dev.tollgate.registry.store.RegistryError;
import dev.tollgate.registry.store.SchemaLog;
import dev.tollgate.registry.store.StoreRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's log on a compacted single-partition Kafka topic. Writes go through one
 * transactional, idempotent producer (acks=all), so a change of several records lands whole or not
 * at all, and a second registry started on the same topic fences this one's writes instead of
 * interleaving ids. Replays read committed records from the beginning to the end offset.
 */
public final class KafkaSchemaLog implements SchemaLog {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(200);

  private final String bootstrapServers;
  private final String topic;
  private final TopicPartition partition;
  private final Duration readTimeout;
  private final StoreRecordCodec codec = new StoreRecordCodec();
  private KafkaProducer<byte[], byte[]> producer;

  private KafkaSchemaLog(String bootstrapServers, String topic, Duration readTimeout) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.readTimeout = readTimeout;
  }

  /** Creates the topic if missing, checks its layout, and takes over writing to it. */
  public static KafkaSchemaLog open(String bootstrapServers, String topic, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "schema-registry-admin"))) {
      SchemasTopic.ensure(admin, topic, deadline);
    }
    KafkaSchemaLog log = new KafkaSchemaLog(bootstrapServers, topic, timeout);
    log.producer = log.newProducer(deadline);
    return log;
  }

  @Override
  public void replay(Consumer<StoreRecord> sink) {
    Instant deadline = Instant.now().plus(readTimeout);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), readTimeout).get(partition);
      long records = 0;
      while (consumer.position(partition, readTimeout) < end) {
        if (Instant.now().isAfter(deadline)) {
          throw RegistryError.OPERATION_TIMEOUT.exception("Timed out reading schema topic " + topic
              + " up to offset " + end);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
          records++;
          decode(record, sink);
        }
      }
      LOG.info("Read {} records of schema topic {} up to offset {}", records, topic, end);
    } catch (TimeoutException e) {
      throw RegistryError.OPERATION_TIMEOUT.exception("Timed out reading schema topic " + topic, e);
    } catch (KafkaException e) {
      throw RegistryError.STORE_ERROR.exception("Cannot read schema topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private void decode(ConsumerRecord<byte[], byte[]> record, Consumer<StoreRecord> sink) {
    try {
      codec.decode(record.key(), record.value()).ifPresent(sink);
    } catch (IllegalArgumentException e) {
      // a foreign or damaged entry must not stop the registry from serving the rest
      LOG.warn("Skipping unreadable record in {}-{} at offset {}: {}", record.topic(), record.partition(),
          record.offset(), e.getMessage());
    }
  }

  @Override
  public synchronized void append(List<StoreRecord> records) {
    if (producer == null) {
      throw RegistryError.STORE_ERROR.exception("The schema log writer is not available");
    }
    try {
      producer.beginTransaction();
      for (StoreRecord record : records) {
        StoreRecordCodec.Encoded encoded = codec.encode(record);
        producer.send(new ProducerRecord<>(topic, partition.partition(), encoded.key(), encoded.value()));
      }
      // flushes, and fails when any send failed: nothing is applied unless everything is durable
      producer.commitTransaction();
    } catch (TimeoutException e) {
      throw RegistryError.OPERATION_TIMEOUT.exception("Timed out writing to schema topic " + topic, e);
    } catch (ProducerFencedException e) {
      throw RegistryError.STORE_ERROR.exception("Another schema registry took over writing to " + topic, e);
    } catch (KafkaException e) {
      throw RegistryError.STORE_ERROR.exception("Cannot write to schema topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void recover() {
    closeProducer();
    // a new producer with the same transactional id completes or aborts whatever the old one left open
    producer = newProducer(Instant.now().plus(readTimeout));
  }

  @Override
  public synchronized void close() {
    closeProducer();
  }

  private void closeProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("Closing the schema log producer failed", e);
      }
      producer = null;
    }
  }

  private KafkaProducer<byte[], byte[]> newProducer(Instant deadline) {
    KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(producerConfig(),
        new ByteArraySerializer(), new ByteArraySerializer());
    while (true) {
      try {
        created.initTransactions();
        return created;
      } catch (TimeoutException e) {
        // a fresh broker may still be creating its transaction log: retry until the deadline
        if (Instant.now().isAfter(deadline)) {
          created.close(Duration.ZERO);
          throw RegistryError.OPERATION_TIMEOUT.exception("Timed out initialising the writer of schema topic " + topic, e);
        }
      } catch (KafkaException e) {
        created.close(Duration.ZERO);
        throw RegistryError.STORE_ERROR.exception("Cannot initialise the writer of schema topic " + topic
            + ": " + e.getMessage(), e);
      }
    }
  }

  private Map<String, Object> producerConfig() {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer",
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "schema-registry-" + topic,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis(),
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis() / 2,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
  }

  private Map<String, Object> consumerConfig() {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-reader",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
  }
}
