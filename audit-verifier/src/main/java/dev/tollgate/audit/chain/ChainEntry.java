package dev.tollgate.audit.chain;

import java.time.Instant;
import java.util.Objects;

/**
 * What one link of a chain records: a readable event, or a record that could not be read (kept in
 * the chain so that its gap cannot be hidden later). Byte arrays are the original Kafka bytes.
 */
public sealed interface ChainEntry permits ChainEntry.Event, ChainEntry.Unreadable {

  SourcePosition source();

  /** Original record key bytes, or null. */
  byte[] key();

  /** Original record value bytes, or null. */
  byte[] value();

  /** A decoded lifecycle event and the envelope columns auditors query by. */
  record Event(
      SourcePosition source, byte[] key, byte[] value, int schemaId,
      String eventId, String eventType, Instant occurredAt, String actor, String deploymentId,
      String modelName, String modelVersion, String environment, String causationId) implements ChainEntry {

    public Event {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(eventType, "eventType");
      Objects.requireNonNull(occurredAt, "occurredAt");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(modelName, "modelName");
      Objects.requireNonNull(modelVersion, "modelVersion");
      Objects.requireNonNull(environment, "environment");
    }
  }

  /** A record that could not be read; {@code reason} is the machine-readable dead-letter reason. */
  record Unreadable(SourcePosition source, byte[] key, byte[] value, String reason, String message)
      implements ChainEntry {

    public Unreadable {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
