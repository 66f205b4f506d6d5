package dev.tollgate.audit.ingest;

import dev.tollgate.events.Envelope;
import dev.tollgate.schemas.registry.SchemaRegistryException;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes a consumed lifecycle record with the topic's own value deserializer and extracts what
 * the trail indexes. Unreadable input becomes {@link DecodedRecord.Unreadable}; a registry that
 * cannot be reached is not the record's fault, so that error propagates and the batch is retried.
 */
public final class RecordDecoder {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, Deserializer<? extends SpecificRecord>> deserializers;

  /** @param serdeConfig client config with {@code schema.registry.url} */
  public RecordDecoder(Map<String, ?> serdeConfig) {
    this.deserializers = Topics.LIFECYCLE.stream().collect(Collectors.toUnmodifiableMap(
        Topic::name, topic -> topic.valueSerde(serdeConfig).deserializer(), (a, b) -> a));
  }

  DecodedRecord decode(ConsumerRecord<byte[], byte[]> record) {
    Deserializer<? extends SpecificRecord> deserializer = deserializers.get(record.topic());
    if (deserializer == null) {
      return new DecodedRecord.Unreadable(new InvalidEventException(
          "topic " + record.topic() + " is not a lifecycle topic the audit trail knows"));
    }
    if (record.value() == null) {
      return new DecodedRecord.Unreadable(new InvalidEventException(
          "record on " + record.topic() + " has no value (tombstone); every lifecycle record is an event"));
    }
    try {
      SpecificRecord value = deserializer.deserialize(record.topic(), record.headers(), record.value());
      return event(record, value);
    } catch (SchemaRegistryException e) {
      throw e; // transient: retry the batch, do not dead-letter a record that may be fine
    } catch (SerializationException e) {
      return new DecodedRecord.Unreadable(e);
    } catch (RuntimeException e) {
      // a record that passes the wire format yet breaks extraction: keep going, keep the evidence
      return new DecodedRecord.Unreadable(e);
    }
  }

  private static DecodedRecord event(ConsumerRecord<byte[], byte[]> record, SpecificRecord value) {
    Schema.Field envelopeField = value.getSchema().getField("envelope");
    Envelope envelope = envelopeField == null ? null : (Envelope) value.get(envelopeField.pos());
    if (envelope == null) {
      return new DecodedRecord.Unreadable(new InvalidEventException(
          value.getSchema().getFullName() + " on " + record.topic() + " has no envelope"));
    }
    if (envelope.getEventId() == null || envelope.getEventId().isBlank()) {
      return new DecodedRecord.Unreadable(new InvalidEventException(
          value.getSchema().getName() + " on " + record.topic() + " has a blank envelope.eventId"));
    }
    return new DecodedRecord.Event(
        ByteBuffer.wrap(record.value(), 1, 4).getInt(),
        envelope.getEventId(),
        eventType(value),
        envelope.getOccurredAt(),
        envelope.getActor(),
        envelope.getDeploymentId(),
        envelope.getModelName(),
        envelope.getModelVersion(),
        envelope.getEnvironment(),
        envelope.getCausationId(),
        JSON.writeValueAsString(AvroJson.render(value)));
  }

  /** The payload record's simple name, or the value record's own for types without a payload union. */
  static String eventType(SpecificRecord value) {
    Schema.Field payloadField = value.getSchema().getField("payload");
    Object payload = payloadField == null ? null : value.get(payloadField.pos());
    return payload instanceof SpecificRecord p ? p.getSchema().getName() : value.getSchema().getName();
  }
}
