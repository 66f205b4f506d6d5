package dev.tollgate.audit.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Sends dead letters and waits until the broker has them. The ingest calls it before it commits
 * the offsets of those records, so a dead letter is never lost; a crash between the send and the
 * commit re-sends it after the restart (at-least-once on the dead-letter topic). We take that
 * over the alternative — commit first, send after — which could lose a dead letter outright, and
 * over a Kafka transaction, which cannot span the database commit anyway. Readers of the
 * dead-letter topic dedupe by the source topic/partition/offset headers if they need to.
 */
public class DeadLetterPublisher {

  private final Producer<byte[], byte[]> producer;
  private final Duration timeout;

  public DeadLetterPublisher(Producer<byte[], byte[]> producer, Duration timeout) {
    this.producer = producer;
    this.timeout = timeout;
  }

  /** Sends all letters and returns once every one is acknowledged; throws if any is not. */
  public void publish(List<ProducerRecord<byte[], byte[]>> letters) {
    if (letters.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>(letters.size());
    for (ProducerRecord<byte[], byte[]> letter : letters) {
      sent.add(producer.send(letter));
    }
    producer.flush();
    for (Future<RecordMetadata> ack : sent) {
      try {
        ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted while waiting for a dead letter to be acknowledged", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new KafkaException("dead letter was not acknowledged: " + e.getMessage(), e);
      }
    }
  }
}
