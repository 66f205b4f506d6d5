package dev.tollgate.audit.ingest;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainIds;
import dev.tollgate.audit.chain.ChainLink;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  /**
   * Moves a partition's stored position from {@code previous} to {@code next}, only if it still is
   * {@code previous} (compare-and-set): a concurrent writer makes this fail instead of forking the chain.
   */
  void advance(String topic, int partition, StoredPosition previous, long nextOffset, ChainHead head, Instant now) {
    int updated;
    if (previous.stored()) {
      updated = jdbc.update("""
          UPDATE consumer_offset SET next_offset = ?, chain_seq = ?, chain_head = ?, updated_at = ?
           WHERE topic = ? AND partition = ? AND next_offset = ? AND chain_seq = ?""",
          nextOffset, head.seq(), head.hash().bytes(), Timestamp.from(now),
          topic, partition, previous.nextOffset(), previous.head().seq());
    } else {
      updated = jdbc.update("""
          INSERT INTO consumer_offset (topic, partition, next_offset, chain_seq, chain_head, updated_at)
          VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (topic, partition) DO NOTHING""",
          topic, partition, nextOffset, head.seq(), head.hash().bytes(), Timestamp.from(now));
    }
    if (updated != 1) {
      throw new ConcurrentAppendException("stored position of " + ChainIds.of(topic, partition)
          + " is no longer offset " + previous.nextOffset() + " / link " + previous.head().seq());
    }
  }

  /** Appends an event link; false when its event id is already in the trail (nothing written). */
  boolean appendEvent(ChainLink link, DecodedRecord.Event decoded, Instant recordTimestamp, Instant now) {
    ChainEntry.Event e = (ChainEntry.Event) link.entry();
    return jdbc.update("""
        INSERT INTO audit_event (chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key,
            schema_id, value_avro, event_id, event_type, occurred_at, actor, deployment_id, model_name,
            model_version, environment, causation_id, payload, record_timestamp, ingested_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
        ON CONFLICT (event_id) DO NOTHING""",
        link.chainId(), link.seq(), link.prevHash().bytes(), link.hash().bytes(),
        e.source().topic(), e.source().partition(), e.source().offset(), e.key(),
        e.schemaId(), e.value(), e.eventId(), e.eventType(), Timestamp.from(e.occurredAt()), e.actor(),
        e.deploymentId(), e.modelName(), e.modelVersion(), e.environment(), e.causationId(),
        decoded.payloadJson(), recordTimestamp == null ? null : Timestamp.from(recordTimestamp),
        Timestamp.from(now)) == 1;
  }

  void appendUnreadable(ChainLink link, boolean deadLettered, Instant now) {
    ChainEntry.Unreadable u = (ChainEntry.Unreadable) link.entry();
    jdbc.update("""
        INSERT INTO unreadable_record (chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset,
            record_key, record_value, reason, message, dead_lettered, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        link.chainId(), link.seq(), link.prevHash().bytes(), link.hash().bytes(),
        u.source().topic(), u.source().partition(), u.source().offset(), u.key(), u.value(),
        u.reason(), u.message(), deadLettered, Timestamp.from(now));
  }

  /** Where an event id was first recorded, as {@code topic/partition@offset}. */
  Optional<String> sourceOf(String eventId) {
    return jdbc.query("SELECT topic, partition, kafka_offset FROM audit_event WHERE event_id = ?",
        (rs, i) -> rs.getString(1) + "/" + rs.getInt(2) + "@" + rs.getLong(3), eventId).stream().findFirst();
  }
}
