package dev.tollgate.audit.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a checkpoint asserts: chain {@code chainId} had {@code seq} links, the last with hash
 * {@code headHash}, and {@code eventCount} of them were readable events (the rest unreadable or
 * duplicate records), as seen at {@code signedAt} by the holder of key {@code keyId}.
 *
 * <p>Signed bytes, version 1, in the encoding of {@link CanonicalBytes}:
 *
 * <pre>
 *   string "tollgate.audit.checkpoint/1"
 *   string chainId
 *   i64    seq
 *   bytes  headHash          32 bytes
 *   i64    eventCount
 *   i64    signedAt          epoch milliseconds (the Avro AuditCheckpoint carries millis)
 *   string keyId             hex SHA-256 of the signing key's X.509 public key
 * </pre>
 */
public record CheckpointStatement(
    String chainId, long seq, ChainHash headHash, long eventCount, Instant signedAt, String keyId) {

  public static final String FORMAT = "tollgate.audit.checkpoint/1";

  public CheckpointStatement {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(signedAt, "signedAt");
    Objects.requireNonNull(keyId, "keyId");
    // no range checks: a statement read back from storage or an export must be representable even
    // when edited, so that its signature check — not a constructor — reports the edit
    signedAt = signedAt.truncatedTo(ChronoUnit.MILLIS);
  }

  public byte[] canonicalBytes() {
    return new CanonicalOutput(160)
        .string(FORMAT)
        .string(chainId)
        .i64(seq)
        .bytes(headHash.bytes())
        .i64(eventCount)
        .i64(signedAt.toEpochMilli())
        .string(keyId)
        .toByteArray();
  }
}
