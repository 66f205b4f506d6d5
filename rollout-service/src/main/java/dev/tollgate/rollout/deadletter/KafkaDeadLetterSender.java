package dev.tollgate.rollout.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters with one idempotent producer shared by all stream threads. Waits for the
 * broker's acknowledgement so the record is safe before Streams moves past (and commits) the offset.
 */
public final class KafkaDeadLetterSender implements DeadLetterSender, AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final Duration timeout;

  /** {@code clientConfig}: bootstrap servers and any security settings. */
  public KafkaDeadLetterSender(Map<String, Object> clientConfig, Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "rollout-service-dead-letters");
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    this.timeout = timeout;
  }

  @Override
  public void send(ProducerRecord<byte[], byte[]> record) throws Exception {
    producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
