package dev.tollgate.audit.checkpoint;

import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainIds;
import dev.tollgate.audit.chain.CheckpointStatement;
import dev.tollgate.audit.chain.SignedCheckpoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/** The SQL of checkpoints: chain heads to sign, stored checkpoints, and the publication outbox. */
public class CheckpointStore {

  private static final String COLUMNS = "chain_id, seq, head_hash, event_count, signed_at, key_id, signature";

  private final JdbcTemplate jdbc;

  public CheckpointStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The head the ingest recorded for every non-empty chain. */
  Map<String, ChainHead> recordedHeads() {
    Map<String, ChainHead> heads = new TreeMap<>();
    jdbc.query("SELECT topic, partition, chain_seq, chain_head FROM consumer_offset WHERE chain_seq > 0", rs -> {
      String chainId = ChainIds.of(rs.getString(1), rs.getInt(2));
      heads.put(chainId, new ChainHead(chainId, rs.getLong(3), ChainHash.of(rs.getBytes(4))));
    });
    return heads;
  }

  /** The latest checkpoint of every chain that has one. */
  Map<String, SignedCheckpoint> latest() {
    Map<String, SignedCheckpoint> latest = new TreeMap<>();
    jdbc.query("SELECT DISTINCT ON (chain_id) " + COLUMNS + " FROM checkpoint ORDER BY chain_id, seq DESC",
        rs -> {
          SignedCheckpoint checkpoint = checkpoint(rs);
          latest.put(checkpoint.chainId(), checkpoint);
        });
    return latest;
  }

  /** The checkpoints of a chain, in seq order. */
  public List<SignedCheckpoint> ofChain(String chainId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM checkpoint WHERE chain_id = ? ORDER BY seq",
        (rs, i) -> checkpoint(rs), chainId);
  }

  /** The checkpoints of a chain covering links {@code fromSeq..toSeq}, in seq order. */
  public List<SignedCheckpoint> ofChain(String chainId, long fromSeq, long toSeq) {
    return jdbc.query("SELECT " + COLUMNS + " FROM checkpoint WHERE chain_id = ? AND seq BETWEEN ? AND ? ORDER BY seq",
        (rs, i) -> checkpoint(rs), chainId, fromSeq, toSeq);
  }

  /** Chains that have checkpoints (perhaps no longer links: verification must still look at them). */
  public List<String> chainIds() {
    return jdbc.queryForList("SELECT DISTINCT chain_id FROM checkpoint", String.class);
  }

  /** Stores a checkpoint; false when the chain already has one at that seq (another instance signed it). */
  boolean insert(SignedCheckpoint checkpoint) {
    CheckpointStatement s = checkpoint.statement();
    return jdbc.update("INSERT INTO checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        s.chainId(), s.seq(), s.headHash().bytes(), s.eventCount(), Timestamp.from(s.signedAt()), s.keyId(),
        checkpoint.signature()) == 1;
  }

  /** Up to {@code limit} checkpoints the broker has not acknowledged yet, oldest first. */
  List<SignedCheckpoint> unpublished(int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM checkpoint WHERE published_at IS NULL ORDER BY signed_at LIMIT ?",
        (rs, i) -> checkpoint(rs), limit);
  }

  void markPublished(SignedCheckpoint checkpoint, Instant at) {
    jdbc.update("UPDATE checkpoint SET published_at = ? WHERE chain_id = ? AND seq = ?",
        Timestamp.from(at), checkpoint.chainId(), checkpoint.seq());
  }

  private static SignedCheckpoint checkpoint(ResultSet rs) throws SQLException {
    return new SignedCheckpoint(new CheckpointStatement(rs.getString("chain_id"), rs.getLong("seq"),
        hash(rs.getBytes("head_hash")), rs.getLong("event_count"), rs.getTimestamp("signed_at").toInstant(),
        rs.getString("key_id")), rs.getBytes("signature"));
  }

  /** A stored hash of the wrong length is tampering: read it as a hash that matches nothing. */
  private static ChainHash hash(byte[] bytes) {
    if (bytes != null && bytes.length == ChainHash.LENGTH) {
      return ChainHash.of(bytes);
    }
    byte[] impossible = new byte[ChainHash.LENGTH];
    Arrays.fill(impossible, (byte) 0xff);
    return ChainHash.of(impossible);
  }
}
