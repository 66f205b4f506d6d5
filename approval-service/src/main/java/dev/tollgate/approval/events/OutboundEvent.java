package dev.tollgate.approval.events;

import dev.tollgate.schemas.topic.Topic;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * An Avro event ready for a topic: where it goes, its key (the model name), and its type and id
 * for logs and the outbox.
 */
public record OutboundEvent(Topic<String, ? extends SpecificRecord> topic, String key, SpecificRecord value,
    String eventId, String eventType) {

  public OutboundEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
  }
}
