package dev.tollgate.audit.trail;

import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.util.stream.Collectors;

/**
 * The SQL of the auditor's timeline and search queries, in one place: the repositories run it, and
 * the {@code audit-explain} / {@code audit-query} benchmarks explain and time exactly the same text
 * (a copy there would go stale without anyone noticing). Plain text, no Spring.
 *
 * <p>Order: occurred_at, then the lifecycle order of the topic ({@link Topics#LIFECYCLE}: requests
 * before approvals before rollouts before traffic), then partition and offset.
 */
public final class TrailSql {

  /** The lifecycle order as a PostgreSQL text[] literal, for array_position(). */
  public static final String TOPIC_ORDER = Topics.LIFECYCLE.stream().map(Topic::name)
      .map(name -> "\"" + name + "\"").collect(Collectors.joining(",", "{", "}"));

  /**
   * A numbered timeline; {@code %s} is the row condition. Arguments: {@link #TOPIC_ORDER}, the
   * condition's values, the sequence to start after, the row limit.
   */
  public static final String TIMELINE = """
      SELECT sequence, event_id, event_type, occurred_at, actor, topic, partition, kafka_offset, deployment_id,
             model_name, model_version, environment, causation_id, chain_id, chain_seq,
             CASE WHEN jsonb_typeof(payload -> 'payload') = 'object' THEN payload -> 'payload'
                  ELSE jsonb_build_object('type', event_type) || (payload - 'envelope') END AS body
        FROM (SELECT row_number() OVER (ORDER BY occurred_at, array_position(CAST(? AS text[]), topic),
                                                 partition, kafka_offset) AS sequence, e.*
                FROM audit_event e
               WHERE %s) t
       WHERE sequence > ?
       ORDER BY sequence
       LIMIT ?""";

  /**
   * A filtered search; {@code %s} is the WHERE clause (or nothing). Arguments: {@link #TOPIC_ORDER},
   * the clause's values, the row limit.
   */
  public static final String SEARCH = """
      SELECT event_id, event_type, occurred_at, actor, topic, partition, kafka_offset, deployment_id, model_name,
             model_version, environment, causation_id, chain_id, chain_seq,
             array_position(CAST(? AS text[]), topic) AS topic_rank,
             CASE WHEN jsonb_typeof(payload -> 'payload') = 'object' THEN payload -> 'payload'
                  ELSE jsonb_build_object('type', event_type) || (payload - 'envelope') END AS body
        FROM audit_event
      %s
       ORDER BY occurred_at, topic_rank, partition, kafka_offset
       LIMIT ?""";

  /**
   * A search page after a cursor. Arguments: the cursor's occurred_at, {@link #TOPIC_ORDER}, then
   * occurred_at, topic rank, partition and offset. The first conjunct is redundant but sargable: it
   * lets the occurred_at index start at the cursor.
   */
  public static final String CURSOR_CONDITION = "occurred_at >= ? AND (occurred_at, "
      + "array_position(CAST(? AS text[]), topic), partition, kafka_offset) > (?, ?, ?, ?)";

  private TrailSql() {}
}
