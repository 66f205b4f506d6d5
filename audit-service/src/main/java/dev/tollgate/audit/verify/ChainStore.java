package dev.tollgate.audit.verify;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainIds;
import dev.tollgate.audit.chain.ChainLink;
import dev.tollgate.audit.chain.SourcePosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads stored chains back as {@link ChainLink}s: audit_event and unreadable_record rows merged by
 * sequence number (an event before an unreadable row of the same number, which only tampering
 * makes), read in keyset chunks of {@value #CHUNK} rows so a long chain never sits in memory. Each
 * chunk is {@code ORDER BY chain_seq LIMIT n} on one table, which PostgreSQL answers by walking the
 * primary key: one query over a whole chain (a sixth of a table of a million rows) was planned as a
 * sequential scan of the table and a sort spilled to disk, per chain. Call inside a transaction, so
 * all chunks read one snapshot.
 */
@Repository
public class ChainStore {

  private static final int KIND_EVENT = 1;
  static final int CHUNK = 5000;

  private final JdbcTemplate jdbc;
  private final int chunk;

  @Autowired
  public ChainStore(DataSource dataSource) {
    this(dataSource, CHUNK);
  }

  /** With {@code chunk} rows per read (tests use small chunks to cross chunk boundaries). */
  public ChainStore(DataSource dataSource, int chunk) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.chunk = chunk;
  }

  /**
   * Every chain id that has links, a recorded head or a checkpoint. The link tables are skip-scanned
   * along their primary key (one index probe per chain), not read whole.
   */
  public SortedSet<String> chainIds() {
    SortedSet<String> ids = new TreeSet<>();
    for (String table : new String[] {"audit_event", "unreadable_record"}) {
      ids.addAll(jdbc.queryForList("""
          WITH RECURSIVE ids AS (
              SELECT min(chain_id) AS id FROM %1$s
              UNION ALL
              SELECT (SELECT min(chain_id) FROM %1$s WHERE chain_id > ids.id) FROM ids WHERE ids.id IS NOT NULL)
          SELECT id FROM ids WHERE id IS NOT NULL""".formatted(table), String.class));
    }
    ids.addAll(jdbc.queryForList("SELECT DISTINCT chain_id FROM checkpoint", String.class));
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

  /** Exports the calling transaction's snapshot, for other transactions to read the same ({@link #importSnapshot}). */
  String exportSnapshot() {
    return jdbc.queryForObject("SELECT pg_export_snapshot()", String.class);
  }

  /** Makes the calling REPEATABLE READ transaction read an exported snapshot; must be its first statement. */
  void importSnapshot(String snapshotId) {
    if (!snapshotId.matches("[0-9A-Fa-f-]+")) {
      throw new IllegalArgumentException("not a snapshot id: " + snapshotId);
    }
    jdbc.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
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
    Chunks events = new Chunks(EVENT_LINKS, chainId, afterSeq, toSeq);
    Chunks unreadable = new Chunks(UNREADABLE_LINKS, chainId, afterSeq, toSeq);
    while (events.peek() != null || unreadable.peek() != null) {
      boolean eventFirst = unreadable.peek() == null
          || (events.peek() != null && events.peek().seq() <= unreadable.peek().seq());
      sink.accept(eventFirst ? events.next() : unreadable.next());
    }
  }

  private static final String EVENT_LINKS = """
      SELECT 1 AS kind, chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key,
             value_avro AS record_value, schema_id, event_id, event_type, occurred_at, actor, deployment_id,
             model_name, model_version, environment, causation_id, NULL AS reason, NULL AS message
        FROM audit_event WHERE chain_id = ? AND chain_seq > ? AND chain_seq <= ?
       ORDER BY chain_seq LIMIT ?""";

  private static final String UNREADABLE_LINKS = """
      SELECT 2 AS kind, chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key,
             record_value, NULL AS schema_id, NULL AS event_id, NULL AS event_type, NULL AS occurred_at,
             NULL AS actor, NULL AS deployment_id, NULL AS model_name, NULL AS model_version,
             NULL AS environment, NULL AS causation_id, reason, message
        FROM unreadable_record WHERE chain_id = ? AND chain_seq > ? AND chain_seq <= ?
       ORDER BY chain_seq LIMIT ?""";

  /** One table's links of a chain, in sequence order, fetched a chunk at a time by keyset (the primary key is unique). */
  private final class Chunks {
    private final String sql;
    private final String chainId;
    private final long toSeq;
    private long after;
    private boolean exhausted;
    private ArrayDeque<ChainLink> buffer = new ArrayDeque<>();

    Chunks(String sql, String chainId, long afterSeq, long toSeq) {
      this.sql = sql;
      this.chainId = chainId;
      this.after = afterSeq;
      this.toSeq = toSeq;
    }

    ChainLink peek() {
      if (buffer.isEmpty() && !exhausted) {
        List<ChainLink> rows = jdbc.query(sql, (rs, i) -> link(rs), chainId, after, toSeq, ChainStore.this.chunk);
        exhausted = rows.size() < ChainStore.this.chunk;
        if (!rows.isEmpty()) {
          after = rows.get(rows.size() - 1).seq();
        }
        buffer = new ArrayDeque<>(rows);
      }
      return buffer.peek();
    }

    ChainLink next() {
      peek();
      return buffer.poll();
    }
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
