package dev.tollgate.audit.ingest;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainIds;
import dev.tollgate.audit.chain.ChainLink;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ingest's SQL: appends links, reads and advances the stored position of a partition. */
public class TrailStore {

  private final JdbcTemplate jdbc;
  private volatile boolean utf8Checked;

  public TrailStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  StoredPosition position(String topic, int partition) {
    String chainId = ChainIds.of(topic, partition);
    List<StoredPosition> rows = jdbc.query(
        "SELECT next_offset, chain_seq, chain_head FROM consumer_offset WHERE topic = ? AND partition = ?",
        (rs, i) -> new StoredPosition(rs.getLong(1),
            new ChainHead(chainId, rs.getLong(2), ChainHash.of(rs.getBytes(3))), true),
        topic, partition);
    return rows.isEmpty() ? StoredPosition.none(chainId) : rows.get(0);
  }

  /** A partition's stored position moving from {@code previous} to {@code nextOffset} and {@code head}. */
  record Advance(String topic, int partition, StoredPosition previous, long nextOffset, ChainHead head) {}

  /**
   * Moves each partition's stored position from {@code previous} to the new one, only if it still is
   * {@code previous} (compare-and-set): a concurrent writer makes this fail instead of forking the chain.
   * Positions already stored move in one JDBC batch of UPDATEs (their counts are checked one by one);
   * a partition recorded for the first time is inserted on its own.
   */
  void advance(List<Advance> advances, Instant now) {
    Timestamp updatedAt = Timestamp.from(now);
    List<Advance> updates = advances.stream().filter(a -> a.previous().stored()).toList();
    if (!updates.isEmpty()) {
      int[][] counts = jdbc.batchUpdate("""
          UPDATE consumer_offset SET next_offset = ?, chain_seq = ?, chain_head = ?, updated_at = ?
           WHERE topic = ? AND partition = ? AND next_offset = ? AND chain_seq = ?""",
          updates, updates.size(), (ps, a) -> {
            ps.setLong(1, a.nextOffset());
            ps.setLong(2, a.head().seq());
            ps.setBytes(3, a.head().hash().bytes());
            ps.setTimestamp(4, updatedAt);
            ps.setString(5, a.topic());
            ps.setInt(6, a.partition());
            ps.setLong(7, a.previous().nextOffset());
            ps.setLong(8, a.previous().head().seq());
          });
      int i = 0;
      for (int[] chunk : counts) {
        for (int count : chunk) {
          if (count != 1) {
            throw concurrent(updates.get(i));
          }
          i++;
        }
      }
    }
    for (Advance a : advances) {
      if (!a.previous().stored() && jdbc.update("""
          INSERT INTO consumer_offset (topic, partition, next_offset, chain_seq, chain_head, updated_at)
          VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (topic, partition) DO NOTHING""",
          a.topic(), a.partition(), a.nextOffset(), a.head().seq(), a.head().hash().bytes(), updatedAt) != 1) {
        throw concurrent(a);
      }
    }
  }

  private static ConcurrentAppendException concurrent(Advance a) {
    return new ConcurrentAppendException("stored position of " + ChainIds.of(a.topic(), a.partition())
        + " is no longer offset " + a.previous().nextOffset() + " / link " + a.previous().head().seq());
  }

  /** An event link to insert, with what the decoder extracted and the record's own timestamp. */
  record EventRow(ChainLink link, DecodedRecord.Event decoded, Instant recordTimestamp) {}

  /** An unreadable (or duplicate) link to insert. */
  record UnreadableRow(ChainLink link, boolean deadLettered) {}

  private static final String COPY_EVENTS = """
      COPY audit_event (chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key,
          schema_id, value_avro, event_id, event_type, occurred_at, actor, deployment_id, model_name,
          model_version, environment, causation_id, payload, record_timestamp, ingested_at)
      FROM STDIN (FORMAT binary)""";
  private static final int EVENT_COLUMNS = 22;
  private static final String EVENT_ID_UNIQUE = "audit_event_event_id_uq";

  /**
   * Inserts event links with one {@code COPY FROM STDIN} in binary format: the cheapest way into
   * PostgreSQL, since the server parses no SQL, no parameters and no text per row. COPY checks
   * every constraint like an INSERT: an event id already in the trail is a unique violation that
   * rolls the whole transaction back, never a silently missing link ({@link #isEventIdConflict});
   * the caller then looks the ids up ({@link #recordedSources}) and writes the batch again.
   */
  void appendEvents(List<EventRow> rows, Instant now) {
    if (rows.isEmpty()) {
      return;
    }
    BinaryCopyRows copy = new BinaryCopyRows(rows.size() * 1024);
    for (EventRow row : rows) {
      ChainLink link = row.link();
      ChainEntry.Event e = (ChainEntry.Event) link.entry();
      copy.row(EVENT_COLUMNS)
          .text(link.chainId()).int8(link.seq()).bytea(link.prevHash().bytes()).bytea(link.hash().bytes())
          .text(e.source().topic()).int4(e.source().partition()).int8(e.source().offset()).bytea(e.key())
          .int4(e.schemaId()).bytea(e.value()).text(e.eventId()).text(e.eventType()).timestamptz(e.occurredAt())
          .text(e.actor()).text(e.deploymentId()).text(e.modelName()).text(e.modelVersion()).text(e.environment())
          .text(e.causationId()).jsonb(row.decoded().payloadJson()).timestamptz(row.recordTimestamp())
          .timestamptz(now);
    }
    InputStream stream = copy.finish();
    long copied = jdbc.execute((ConnectionCallback<Long>) connection -> {
      checkUtf8(connection);
      try {
        return connection.unwrap(PGConnection.class).getCopyAPI()
            .copyIn(COPY_EVENTS, stream);
      } catch (IOException e) {
        throw new SQLException("COPY into audit_event failed: " + e.getMessage(), e);
      }
    });
    if (copied != rows.size()) {
      throw new IllegalStateException("COPY stored " + copied + " of " + rows.size() + " event rows");
    }
  }

  /** Whether {@code e} is the unique index on {@code event_id} refusing an event id the trail already holds. */
  static boolean isEventIdConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p && p.getServerErrorMessage() != null
          && EVENT_ID_UNIQUE.equals(p.getServerErrorMessage().getConstraint())) {
        return true;
      }
    }
    return false;
  }

  /** Binary COPY sends text as UTF-8 bytes with no conversion: refuse a database in another encoding once. */
  private void checkUtf8(Connection connection) throws SQLException {
    if (utf8Checked) {
      return;
    }
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW server_encoding")) {
      rs.next();
      String encoding = rs.getString(1);
      if (!"UTF8".equalsIgnoreCase(encoding)) {
        throw new IllegalStateException("the audit database must be UTF8 (binary COPY sends UTF-8 text), not " + encoding);
      }
    }
    utf8Checked = true;
  }

  /** Inserts unreadable and duplicate links as one JDBC batch. */
  void appendUnreadable(List<UnreadableRow> rows, Instant now) {
    if (rows.isEmpty()) {
      return;
    }
    Timestamp receivedAt = Timestamp.from(now);
    jdbc.batchUpdate("""
        INSERT INTO unreadable_record (chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset,
            record_key, record_value, reason, message, dead_lettered, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        rows, rows.size(), (ps, row) -> {
          ChainLink link = row.link();
          ChainEntry.Unreadable u = (ChainEntry.Unreadable) link.entry();
          ps.setString(1, link.chainId());
          ps.setLong(2, link.seq());
          ps.setBytes(3, link.prevHash().bytes());
          ps.setBytes(4, link.hash().bytes());
          ps.setString(5, u.source().topic());
          ps.setInt(6, u.source().partition());
          ps.setLong(7, u.source().offset());
          ps.setBytes(8, u.key());
          ps.setBytes(9, u.value());
          ps.setString(10, u.reason());
          ps.setString(11, u.message());
          ps.setBoolean(12, row.deadLettered());
          ps.setTimestamp(13, receivedAt);
        });
  }

  /** Of these event ids, those already in the trail, each with where it was first recorded ({@code topic/partition@offset}). */
  Map<String, String> recordedSources(Collection<String> eventIds) {
    if (eventIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> sources = new HashMap<>();
    jdbc.query(connection -> {
      PreparedStatement ps = connection.prepareStatement(
          "SELECT event_id, topic, partition, kafka_offset FROM audit_event WHERE event_id = ANY (?)");
      ps.setArray(1, connection.createArrayOf("text", eventIds.toArray()));
      return ps;
    }, rs -> {
      sources.put(rs.getString(1), rs.getString(2) + "/" + rs.getInt(3) + "@" + rs.getLong(4));
    });
    return sources;
  }
}
