package dev.tollgate.audit.export;

import dev.tollgate.audit.chain.ChainLink;
import dev.tollgate.audit.verify.ChainStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Selects what an export holds, streamed with a cursor in chain order (chain_id, then chain_seq),
 * each link with its decoded JSON. Call inside one transaction.
 */
@Repository
public class ExportStore {

  private static final String EVENT_COLUMNS = """
      1 AS kind, chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key,
      value_avro AS record_value, schema_id, event_id, event_type, occurred_at, actor, deployment_id, model_name,
      model_version, environment, causation_id, NULL AS reason, NULL AS message, CAST(payload AS text) AS payload_json""";
  private static final String UNREADABLE_COLUMNS = """
      2, chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key, record_value, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, reason, message, NULL""";
  // null bounds stand for an open range
  private static final String FROM = "COALESCE(CAST(? AS timestamptz), '-infinity')";
  private static final String TO = "COALESCE(CAST(? AS timestamptz), 'infinity')";

  private final JdbcTemplate jdbc;

  public ExportStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setFetchSize(1000);
  }

  /** A chain's links from {@code firstSeq} to {@code lastSeq}. */
  record Range(String chainId, long firstSeq, long lastSeq) {}

  /**
   * Per chain, the contiguous run from its first to its last link whose time lies in [from, to):
   * an event's occurred_at, an unreadable record's received_at.
   */
  List<Range> rangesWithin(Instant from, Instant to) {
    return jdbc.query("""
        SELECT chain_id, min(chain_seq), max(chain_seq)
          FROM (SELECT chain_id, chain_seq FROM audit_event
                 WHERE occurred_at >= %1$s AND occurred_at < %2$s
                UNION ALL
                SELECT chain_id, chain_seq FROM unreadable_record
                 WHERE received_at >= %1$s AND received_at < %2$s) selected
         GROUP BY chain_id
         ORDER BY chain_id""".formatted(FROM, TO),
        (rs, i) -> new Range(rs.getString(1), rs.getLong(2), rs.getLong(3)),
        timestamp(from), timestamp(to), timestamp(from), timestamp(to));
  }

  /** Every link of a range, readable or not, with the event's JSON (null for unreadable records). */
  void forEachLink(Range range, BiConsumer<ChainLink, String> sink) {
    jdbc.query("SELECT " + EVENT_COLUMNS + " FROM audit_event WHERE chain_id = ? AND chain_seq BETWEEN ? AND ?"
            + " UNION ALL SELECT " + UNREADABLE_COLUMNS
            + " FROM unreadable_record WHERE chain_id = ? AND chain_seq BETWEEN ? AND ? ORDER BY chain_seq, kind",
        rs -> {
          sink.accept(ChainStore.link(rs), rs.getString("payload_json"));
        },
        range.chainId(), range.firstSeq(), range.lastSeq(), range.chainId(), range.firstSeq(), range.lastSeq());
  }

  /** The events of a model whose occurred_at lies in [from, to), in chain order. */
  void forEachEventOfModel(String model, Instant from, Instant to, BiConsumer<ChainLink, String> sink) {
    jdbc.query("SELECT " + EVENT_COLUMNS + " FROM audit_event WHERE model_name = ? AND occurred_at >= " + FROM
            + " AND occurred_at < " + TO + " ORDER BY chain_id, chain_seq",
        rs -> {
          sink.accept(ChainStore.link(rs), rs.getString("payload_json"));
        },
        model, timestamp(from), timestamp(to));
  }

  boolean modelRecorded(String model) {
    return Boolean.TRUE.equals(jdbc.queryForObject(
        "SELECT EXISTS (SELECT 1 FROM audit_event WHERE model_name = ?)", Boolean.class, model));
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
