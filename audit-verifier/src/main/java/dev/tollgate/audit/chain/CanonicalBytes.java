package dev.tollgate.audit.chain;

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
    SourcePosition source = entry.source();
    CanonicalOutput out = new CanonicalOutput(256 + length(entry.value()))
        .string(FORMAT)
        .u8(entry instanceof ChainEntry.Event ? KIND_EVENT : KIND_UNREADABLE)
        .string(chainId)
        .i64(seq)
        .string(source.topic())
        .i32(source.partition())
        .i64(source.offset())
        .bytes(entry.key())
        .bytes(entry.value());
    if (entry instanceof ChainEntry.Event e) {
      out.i32(e.schemaId())
          .string(e.eventId())
          .string(e.eventType())
          .instant(e.occurredAt())
          .string(e.actor())
          .string(e.deploymentId())
          .string(e.modelName())
          .string(e.modelVersion())
          .string(e.environment())
          .string(e.causationId());
    } else if (entry instanceof ChainEntry.Unreadable u) {
      out.string(u.reason()).string(u.message());
    }
    return out.toByteArray();
  }

  private static int length(byte[] value) {
    return value == null ? 0 : value.length;
  }
}
