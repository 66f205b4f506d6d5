package dev.tollgate.audit.trail;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Filtered timelines with keyset pagination: the WHERE clause holds only the filters given (so the
 * planner picks the index of the most selective one), ordered by the timeline order of
 * {@link TimelineRepository}, continuing strictly after the cursor's sort key.
 */
@Repository
public class EventSearchRepository {

  private final JdbcTemplate jdbc;

  public EventSearchRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Up to {@code limit} events after {@code cursor} (null: from the start), each with its topic rank. */
  List<Ranked> search(EventFilter filter, EventCursor cursor, int limit) {
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    args.add(TimelineRepository.TOPIC_ORDER);
    equal(where, args, "deployment_id", filter.deploymentId());
    equal(where, args, "model_name", filter.model());
    equal(where, args, "model_version", filter.version());
    equal(where, args, "environment", filter.environment());
    equal(where, args, "event_type", filter.eventType());
    equal(where, args, "actor", filter.actor());
    if (filter.from() != null) {
      where.add("occurred_at >= ?");
      args.add(Timestamp.from(filter.from()));
    }
    if (filter.to() != null) {
      where.add("occurred_at < ?");
      args.add(Timestamp.from(filter.to()));
    }
    if (cursor != null) {
      where.add(TrailSql.CURSOR_CONDITION);
      Timestamp at = Timestamp.from(cursor.occurredAt());
      args.add(at);
      args.add(TimelineRepository.TOPIC_ORDER);
      args.add(at);
      args.add(cursor.topicRank());
      args.add(cursor.partition());
      args.add(cursor.offset());
    }
    args.add(limit);
    String sql = TrailSql.SEARCH.formatted(where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where));
    long start = cursor == null ? 0 : cursor.position();
    List<Ranked> rows = jdbc.query(sql, (rs, i) -> new Ranked(new TimelineEvent(start + i + 1,
        rs.getString("event_id"), rs.getString("event_type"), rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("actor"), rs.getString("topic"), rs.getInt("partition"), rs.getLong("kafka_offset"),
        rs.getString("deployment_id"), rs.getString("model_name"), rs.getString("model_version"),
        rs.getString("environment"), rs.getString("causation_id"), rs.getString("chain_id"), rs.getLong("chain_seq"),
        rs.getString("body")), rs.getInt("topic_rank")), args.toArray());
    return rows;
  }

  private static void equal(List<String> where, List<Object> args, String column, String value) {
    if (value != null) {
      where.add(column + " = ?");
      args.add(value);
    }
  }

  /** An event and its lifecycle topic rank (part of the sort key). */
  record Ranked(TimelineEvent event, int topicRank) {

    EventCursor cursor() {
      return new EventCursor(event.occurredAt(), topicRank, event.partition(), event.offset(), event.sequence());
    }
  }
}
