package dev.tollgate.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that is not a Confluent-framed Avro message we can read. Extends Kafka's
 * SerializationException so Kafka clients, Streams handlers and Spring's error handlers see it as a
 * deserialization failure. {@link #reason()} is what dead-letter headers carry.
 */
public sealed class WireFormatException extends SerializationException
    permits WireFormatException.WrongMagicByte, WireFormatException.Truncated,
        WireFormatException.UnknownSchemaId, WireFormatException.UnreadableAvro, WireFormatException.TrailingBytes {

  private final String reason;

  WireFormatException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** A short machine-readable reason, e.g. {@code wrong-magic-byte}. */
  public String reason() {
    return reason;
  }

  /** The first byte was not 0. */
  public static final class WrongMagicByte extends WireFormatException {
    private final byte found;

    WrongMagicByte(String topic, byte found) {
      super("wrong-magic-byte", "Record on " + topic + " starts with byte 0x"
          + String.format("%02x", found) + ", expected magic byte 0x00 of the Confluent wire format", null);
      this.found = found;
    }

    /** The byte found where the magic byte belongs. */
    public byte found() {
      return found;
    }
  }

  /** Fewer bytes than the 5-byte header, or the Avro body ended early. */
  public static final class Truncated extends WireFormatException {
    private final int length;

    Truncated(String topic, int length, Throwable cause) {
      this(topic, length, "a Confluent-framed message needs 5 header bytes and a complete Avro body", cause);
    }

    Truncated(String topic, int length, String detail, Throwable cause) {
      super("truncated", "Record on " + topic + " is truncated (" + length + " bytes): " + detail, cause);
      this.length = length;
    }

    /** The record's length in bytes. */
    public int length() {
      return length;
    }
  }

  /** The Avro datum decoded completely but bytes were left after it: not a message we wrote or can trust. */
  public static final class TrailingBytes extends WireFormatException {
    private final int trailing;

    TrailingBytes(String topic, int schemaId, int trailing) {
      super("trailing-bytes", "Record on " + topic + " with schema id " + schemaId + " has " + trailing
          + " trailing byte(s) after the Avro datum", null);
      this.trailing = trailing;
    }

    /** How many bytes followed the datum. */
    public int trailing() {
      return trailing;
    }
  }

  /** The schema id is not known to the registry. */
  public static final class UnknownSchemaId extends WireFormatException {
    private final int schemaId;

    UnknownSchemaId(String topic, int schemaId, Throwable cause) {
      super("unknown-schema-id", "Record on " + topic + " names schema id " + schemaId
          + ", which the schema registry does not know", cause);
      this.schemaId = schemaId;
    }

    public int schemaId() {
      return schemaId;
    }
  }

  /** The Avro body does not decode with the writer schema, or cannot be resolved to the reader type. */
  public static final class UnreadableAvro extends WireFormatException {
    private final int schemaId;

    UnreadableAvro(String topic, int schemaId, Throwable cause) {
      super("unreadable-avro", "Record on " + topic + " with schema id " + schemaId
          + " could not be decoded: " + cause, cause);
      this.schemaId = schemaId;
    }

    public int schemaId() {
      return schemaId;
    }
  }
}
