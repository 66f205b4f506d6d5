package dev.tollgate.audit.verify;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainIds;
import dev.tollgate.audit.chain.ChainLink;
import dev.tollgate.audit.chain.SourcePosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads stored chains back as {@link ChainLink}s: audit_event and unreadable_record rows merged by
 * sequence number, streamed with a cursor so a long chain never sits in memory. Call inside a
 * transaction (PostgreSQL only streams with auto-commit off).
 */
@Repository
public class ChainStore {

  private static final int KIND_EVENT = 1;

  private final JdbcTemplate jdbc;

  public ChainStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setFetchSize(1000);
  }

  /** Every chain id that has links, a recorded head or a checkpoint. */
  public SortedSet<String> chainIds() {
    SortedSet<String> ids = new TreeSet<>(jdbc.queryForList(
        "SELECT chain_id FROM audit_event UNION SELECT chain_id FROM unreadable_record "
            + "UNION SELECT chain_id FROM checkpoint", String.class));
    ids.addAll(recordedHeads().keySet());
    return ids;
  }

  /** Whether {@code chainId} has links, a recorded head or a checkpoint (index lookups, no scan). */
  public boolean chainRecorded(String chainId) {
    return Boolean.TRUE.equals(jdbc.queryForObject("""
        SELECT EXISTS (SELECT 1 FROM audit_event WHERE chain_id = ?)
            OR EXISTS (SELECT 1 FROM unreadable_record WHERE chain_id = ?)
            OR EXISTS (SELECT 1 FROM checkpoint WHERE chain_id = ?)""", Boolean.class, chainId, chainId, chainId))
        || recordedHeads().containsKey(chainId);
  }

  /** The head the ingest recorded for each chain, with the offsets. */
  public Map<String, ChainHead> recordedHeads() {
    Map<String, ChainHead> heads = new TreeMap<>();
    jdbc.query("SELECT topic, partition, chain_seq, chain_head FROM consumer_offset", rs -> {
      String chainId = ChainIds.of(rs.getString(1), rs.getInt(2));
      heads.put(chainId, new ChainHead(chainId, rs.getLong(3), ChainHash.of(rs.getBytes(4))));
    });
    return heads;
  }

  /** Streams the links of a chain in sequence order. */
  public void forEachLink(String chainId, Consumer<ChainLink> sink) {
    forEachLink(chainId, Long.MIN_VALUE, Long.MAX_VALUE, sink);
  }

  /** Streams the links {@code afterSeq < seq <= toSeq} of a chain in sequence order. */
  public void forEachLink(String chainId, long afterSeq, long toSeq, Consumer<ChainLink> sink) {
    jdbc.query("""
        SELECT 1 AS kind, chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key,
               value_avro AS record_value, schema_id, event_id, event_type, occurred_at, actor, deployment_id,
               model_name, model_version, environment, causation_id, NULL AS reason, NULL AS message
          FROM audit_event WHERE chain_id = ? AND chain_seq > ? AND chain_seq <= ?
        UNION ALL
        SELECT 2, chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key,
               record_value, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, reason, message
          FROM unreadable_record WHERE chain_id = ? AND chain_seq > ? AND chain_seq <= ?
         ORDER BY chain_seq, kind""",
        rs -> {
          sink.accept(link(rs));
        },
        chainId, afterSeq, toSeq, chainId, afterSeq, toSeq);
  }

  /** Reads a row of the link columns selected by {@link #forEachLink} (kind, chain_id, chain_seq, …). */
  public static ChainLink link(ResultSet rs) throws SQLException {
    SourcePosition source = new SourcePosition(rs.getString("topic"), rs.getInt("partition"), rs.getLong("kafka_offset"));
    ChainEntry entry = rs.getInt("kind") == KIND_EVENT
        ? new ChainEntry.Event(source, rs.getBytes("record_key"), rs.getBytes("record_value"), rs.getInt("schema_id"),
            rs.getString("event_id"), rs.getString("event_type"), rs.getTimestamp("occurred_at").toInstant(),
            rs.getString("actor"), rs.getString("deployment_id"), rs.getString("model_name"),
            rs.getString("model_version"), rs.getString("environment"), rs.getString("causation_id"))
        : new ChainEntry.Unreadable(source, rs.getBytes("record_key"), rs.getBytes("record_value"),
            rs.getString("reason"), rs.getString("message"));
    return new ChainLink(rs.getString("chain_id"), rs.getLong("chain_seq"), hash(rs.getBytes("prev_hash")),
        hash(rs.getBytes("hash")), entry);
  }

  /** A stored hash of the wrong length is itself tampering: read it as a hash that matches nothing. */
  private static ChainHash hash(byte[] bytes) {
    if (bytes != null && bytes.length == ChainHash.LENGTH) {
      return ChainHash.of(bytes);
    }
    byte[] impossible = new byte[ChainHash.LENGTH];
    java.util.Arrays.fill(impossible, (byte) 0xff);
    return ChainHash.of(impossible);
  }
}
