package dev.tollgate.audit.unreadable;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads unreadable_record, newest first. */
@Repository
public class UnreadableRepository {

  private final JdbcTemplate jdbc;

  public UnreadableRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Up to {@code limit} records, newest first, optionally of one topic. */
  public List<UnreadableRecordView> newest(String topic, int limit) {
    return jdbc.query("""
        SELECT topic, partition, kafka_offset, reason, message, dead_lettered, received_at, chain_id, chain_seq,
               octet_length(record_value) AS value_bytes
          FROM unreadable_record
         WHERE (CAST(? AS text) IS NULL OR topic = ?)
         ORDER BY received_at DESC, chain_id, chain_seq DESC
         LIMIT ?""",
        (rs, i) -> new UnreadableRecordView(rs.getString("topic"), rs.getInt("partition"), rs.getLong("kafka_offset"),
            rs.getString("reason"), rs.getString("message"), rs.getBoolean("dead_lettered"),
            rs.getTimestamp("received_at").toInstant(), rs.getString("chain_id"), rs.getLong("chain_seq"),
            (Integer) rs.getObject("value_bytes")),
        topic, topic, limit);
  }
}
