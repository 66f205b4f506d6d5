package dev.tollgate.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The exact bytes a chain link hashes, version 1. Everything big-endian:
 *
 * <pre>
 *   string  "tollgate.audit.chain/1"            format tag, so a future layout cannot collide
 *   u8      kind                                 1 = event, 2 = unreadable record
 *   string  chainId
 *   i64     seq                                  1..n within the chain
 *   string  topic
 *   i32     partition
 *   i64     offset
 *   bytes   key                                  original record key (null allowed)
 *   bytes   value                                original record value, Confluent framing included
 *   kind 1: i32 schemaId, string eventId, string eventType, i64 occurredAt epoch seconds,
 *           i32 occurredAt nanos, string actor, string deploymentId, string modelName,
 *           string modelVersion, string environment, string causationId
 *   kind 2: string reason, string message
 * </pre>
 *
 * where {@code string} is the UTF-8 bytes and {@code bytes} the raw bytes, each prefixed by an i32
 * length, -1 meaning null. Length prefixes make the encoding unambiguous (no two different field
 * lists give the same bytes). The queryable columns are covered too, so editing what an auditor
 * filters or reads (actor, occurred_at, …) breaks the chain, not only editing the original bytes.
 * The decoded JSON view is not covered: it is derived from the value bytes and re-derivable.
 */
public final class CanonicalBytes {

  public static final String FORMAT = "tollgate.audit.chain/1";
  static final int KIND_EVENT = 1;
  static final int KIND_UNREADABLE = 2;

  private CanonicalBytes() {}

  public static byte[] of(String chainId, long seq, ChainEntry entry) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 + length(entry.value()));
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      string(out, FORMAT);
      SourcePosition source = entry.source();
      out.writeByte(entry instanceof ChainEntry.Event ? KIND_EVENT : KIND_UNREADABLE);
      string(out, chainId);
      out.writeLong(seq);
      string(out, source.topic());
      out.writeInt(source.partition());
      out.writeLong(source.offset());
      bytes(out, entry.key());
      bytes(out, entry.value());
      if (entry instanceof ChainEntry.Event e) {
        out.writeInt(e.schemaId());
        string(out, e.eventId());
        string(out, e.eventType());
        instant(out, e.occurredAt());
        string(out, e.actor());
        string(out, e.deploymentId());
        string(out, e.modelName());
        string(out, e.modelVersion());
        string(out, e.environment());
        string(out, e.causationId());
      } else if (entry instanceof ChainEntry.Unreadable u) {
        string(out, u.reason());
        string(out, u.message());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static void bytes(DataOutputStream out, byte[] value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(value.length);
    out.write(value);
  }

  private static void instant(DataOutputStream out, Instant value) throws IOException {
    out.writeLong(value.getEpochSecond());
    out.writeInt(value.getNano());
  }

  private static int length(byte[] value) {
    return value == null ? 0 : value.length;
  }
}
