package dev.tollgate.audit.ingest;

import java.time.Instant;

/** What decoding one consumed record gave: a lifecycle event, or the reason it cannot be read. */
sealed interface DecodedRecord permits DecodedRecord.Event, DecodedRecord.Unreadable {

  /** A readable event: the envelope columns and the record rendered as plain JSON. */
  record Event(
      int schemaId, String eventId, String eventType, Instant occurredAt, String actor, String deploymentId,
      String modelName, String modelVersion, String environment, String causationId, String payloadJson)
      implements DecodedRecord {}

  /** An unreadable record; the error goes into the dead letter's headers. */
  record Unreadable(Throwable error) implements DecodedRecord {}
}
