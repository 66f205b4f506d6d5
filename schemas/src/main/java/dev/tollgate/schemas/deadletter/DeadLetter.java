package dev.tollgate.schemas.deadletter;

import dev.tollgate.schemas.serde.WireFormatException;
import dev.tollgate.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record a consumer could not read, addressed to that consumer's dead-letter topic with the
 * original key and value untouched and the reason in headers.
 */
public final class DeadLetter {

  public static final String REASON = "tollgate.dlt.reason";
  public static final String MESSAGE = "tollgate.dlt.message";
  public static final String EXCEPTION = "tollgate.dlt.exception";
  public static final String SOURCE_TOPIC = "tollgate.dlt.source-topic";
  public static final String SOURCE_PARTITION = "tollgate.dlt.source-partition";
  public static final String SOURCE_OFFSET = "tollgate.dlt.source-offset";
  public static final String CONSUMER = "tollgate.dlt.consumer";
  public static final String FAILED_AT = "tollgate.dlt.failed-at";

  private DeadLetter() {}

  /** The dead-letter record for an unreadable record at topic/partition/offset. */
  public static ProducerRecord<byte[], byte[]> record(
      Topic<byte[], byte[]> deadLetterTopic, String consumer, String sourceTopic, int partition, long offset,
      byte[] key, byte[] value, Throwable error, Instant failedAt) {
    Headers headers = new RecordHeaders();
    put(headers, REASON, reasonOf(error));
    put(headers, MESSAGE, String.valueOf(error.getMessage()));
    put(headers, EXCEPTION, error.getClass().getName());
    put(headers, SOURCE_TOPIC, sourceTopic);
    put(headers, SOURCE_PARTITION, Integer.toString(partition));
    put(headers, SOURCE_OFFSET, Long.toString(offset));
    put(headers, CONSUMER, consumer);
    put(headers, FAILED_AT, failedAt.toString());
    return new ProducerRecord<>(deadLetterTopic.name(), null, key, value, headers);
  }

  /** A short machine-readable reason: the wire-format reason when known, else the exception's simple name. */
  public static String reasonOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof WireFormatException wire) {
        return wire.reason();
      }
    }
    return error.getClass().getSimpleName();
  }

  /** Reads a header written by {@link #record}, or null. */
  public static String header(Headers headers, String name) {
    var header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static void put(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
