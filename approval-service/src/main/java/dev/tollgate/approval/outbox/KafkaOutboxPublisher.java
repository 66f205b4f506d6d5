package dev.tollgate.approval.outbox;

import dev.tollgate.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes one outbox batch in one Kafka transaction (idempotent, transactional producer), framing
 * each value in the schema registry's wire format with the topic's own serde.
 */
public class KafkaOutboxPublisher implements OutboxPublisher {

  public static final String EVENT_ID_HEADER = "tollgate.event-id";
  public static final String EVENT_TYPE_HEADER = "tollgate.event-type";

  private final KafkaTemplate<String, byte[]> template;
  private final Map<String, Publishable<?>> topics;
  private final Duration sendTimeout;

  /**
   * @param topics the Avro topics this service writes
   * @param serdeConfig client config with {@code schema.registry.url}
   */
  public KafkaOutboxPublisher(KafkaTemplate<String, byte[]> template,
      List<Topic<String, ? extends SpecificRecord>> topics, Map<String, ?> serdeConfig, Duration sendTimeout) {
    if (!template.isTransactional()) {
      throw new IllegalArgumentException("the outbox needs a transactional KafkaTemplate");
    }
    this.template = template;
    this.topics = topics.stream().collect(Collectors.toUnmodifiableMap(Topic::name,
        (Function<Topic<String, ? extends SpecificRecord>, Publishable<?>>) t -> Publishable.of(t, serdeConfig)));
    this.sendTimeout = sendTimeout;
  }

  @Override
  public void publish(List<OutboxMessage> batch) {
    List<ProducerRecord<String, byte[]>> records = batch.stream().map(this::record).toList();
    template.executeInTransaction(operations -> {
      List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
      for (ProducerRecord<String, byte[]> record : records) {
        sends.add(operations.send(record));
      }
      // Any failed send aborts the transaction: nothing of the batch becomes visible.
      for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
        await(send);
      }
      return null;
    });
  }

  private ProducerRecord<String, byte[]> record(OutboxMessage message) {
    Publishable<?> topic = topics.get(message.topic());
    if (topic == null) {
      throw new IllegalStateException("outbox row " + message.id() + " names topic " + message.topic()
          + ", which this service does not publish");
    }
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(message.topic(), message.key(), topic.frame(message.topic(), message.payload()));
    record.headers().add(EVENT_ID_HEADER, message.eventId().getBytes(StandardCharsets.UTF_8));
    record.headers().add(EVENT_TYPE_HEADER, message.eventType().getBytes(StandardCharsets.UTF_8));
    return record;
  }

  private void await(CompletableFuture<?> send) {
    try {
      send.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing the outbox", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing the outbox failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("publishing the outbox timed out after " + sendTimeout, e);
    }
  }

  /** A topic's value type and its registry-framing serializer. */
  private record Publishable<V extends SpecificRecord>(Class<V> type, Serializer<V> serializer) {

    static <V extends SpecificRecord> Publishable<V> of(Topic<String, V> topic, Map<String, ?> config) {
      return new Publishable<>(topic.valueType(), topic.valueSerde(config).serializer());
    }

    byte[] frame(String topicName, byte[] avroBinary) {
      return serializer.serialize(topicName, AvroBinary.decode(type, avroBinary));
    }
  }
}
