package dev.tollgate.audit.ingest;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainIds;
import dev.tollgate.audit.chain.ChainLink;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ingest's SQL: appends links, reads and advances the stored position of a partition. */
public class TrailStore {

  private final JdbcTemplate jdbc;

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

  /**
   * Inserts event links as one JDBC batch (multi-row INSERTs when the driver's
   * {@code reWriteBatchedInserts} is on). A plain INSERT: an event id already in the trail is a unique
   * violation that rolls the whole batch back, never a silently missing link; the caller looks the
   * ids up first ({@link #recordedSources}).
   */
  void appendEvents(List<EventRow> rows, Instant now) {
    if (rows.isEmpty()) {
      return;
    }
    Timestamp ingestedAt = Timestamp.from(now);
    jdbc.batchUpdate("""
        INSERT INTO audit_event (chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key,
            schema_id, value_avro, event_id, event_type, occurred_at, actor, deployment_id, model_name,
            model_version, environment, causation_id, payload, record_timestamp, ingested_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""",
        rows, rows.size(), (ps, row) -> {
          ChainLink link = row.link();
          ChainEntry.Event e = (ChainEntry.Event) link.entry();
          ps.setString(1, link.chainId());
          ps.setLong(2, link.seq());
          ps.setBytes(3, link.prevHash().bytes());
          ps.setBytes(4, link.hash().bytes());
          ps.setString(5, e.source().topic());
          ps.setInt(6, e.source().partition());
          ps.setLong(7, e.source().offset());
          ps.setBytes(8, e.key());
          ps.setInt(9, e.schemaId());
          ps.setBytes(10, e.value());
          ps.setString(11, e.eventId());
          ps.setString(12, e.eventType());
          ps.setTimestamp(13, Timestamp.from(e.occurredAt()));
          ps.setString(14, e.actor());
          ps.setString(15, e.deploymentId());
          ps.setString(16, e.modelName());
          ps.setString(17, e.modelVersion());
          ps.setString(18, e.environment());
          ps.setString(19, e.causationId());
          ps.setString(20, row.decoded().payloadJson());
          ps.setTimestamp(21, row.recordTimestamp() == null ? null : Timestamp.from(row.recordTimestamp()));
          ps.setTimestamp(22, ingestedAt);
        });
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
