package dev.tollgate.audit.ingest;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record whose bytes decode but that cannot be an audit event (no value, no event id). A
 * SerializationException like the wire-format errors, so dead-letter handling treats them alike.
 */
final class InvalidEventException extends SerializationException {

  InvalidEventException(String message) {
    super(message);
  }
}
