package dev.tollgate.approval.deployment.intake;

import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Sends a record we cannot use to the consumer's dead-letter topic: original key and value bytes,
 * the reason and the source coordinates in {@link DeadLetter} headers. Waits for the broker's
 * acknowledgement; if that fails the error handler retries the record instead of losing it.
 */
public class DeadLetterPublisher implements ConsumerRecordRecoverer {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

  private final KafkaTemplate<byte[], byte[]> template;
  private final Topic<byte[], byte[]> deadLetterTopic;
  private final String consumer;
  private final Clock clock;
  private final Duration sendTimeout;

  public DeadLetterPublisher(KafkaTemplate<byte[], byte[]> template, Topic<byte[], byte[]> deadLetterTopic,
      String consumer, Clock clock, Duration sendTimeout) {
    this.template = template;
    this.deadLetterTopic = deadLetterTopic;
    this.consumer = consumer;
    this.clock = clock;
    this.sendTimeout = sendTimeout;
  }

  @Override
  public void accept(ConsumerRecord<?, ?> record, Exception exception) {
    Throwable cause = rootOfInterest(exception);
    byte[] key = originalKey(record, cause);
    byte[] value = originalValue(record, cause);
    ProducerRecord<byte[], byte[]> deadLetter = DeadLetter.record(deadLetterTopic, consumer, record.topic(),
        record.partition(), record.offset(), key, value, cause, clock.instant());
    if (cause instanceof RejectedRecordException rejected) {
      deadLetter.headers().remove(DeadLetter.REASON);
      deadLetter.headers().add(DeadLetter.REASON, rejected.reason().getBytes(StandardCharsets.UTF_8));
    }
    log.warn("Dead-lettering record {}-{}@{} to {}: {} ({})", record.topic(), record.partition(), record.offset(),
        deadLetterTopic.name(), DeadLetter.header(deadLetter.headers(), DeadLetter.REASON), cause.getMessage());
    try {
      template.send(deadLetter).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not dead-letter " + record.topic() + "-" + record.partition() + "@"
          + record.offset(), e);
    }
  }

  /** The exception that explains the failure, below Spring's listener wrappers. */
  static Throwable rootOfInterest(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof RejectedRecordException || t instanceof DeserializationException) {
        return t;
      }
    }
    Throwable t = exception;
    while (t instanceof org.springframework.kafka.listener.ListenerExecutionFailedException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static byte[] originalKey(ConsumerRecord<?, ?> record, Throwable cause) {
    if (cause instanceof DeserializationException d && d.isKey()) {
      return d.getData();
    }
    Object key = record.key();
    if (key instanceof byte[] bytes) {
      return bytes;
    }
    return key == null ? null : key.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] originalValue(ConsumerRecord<?, ?> record, Throwable cause) {
    if (cause instanceof DeserializationException d && !d.isKey()) {
      return d.getData();
    }
    Header original = record.headers().lastHeader(OriginalBytesDeserializer.ORIGINAL_VALUE);
    if (original != null) {
      return original.value();
    }
    return record.value() instanceof byte[] bytes ? bytes : null;
  }
}
