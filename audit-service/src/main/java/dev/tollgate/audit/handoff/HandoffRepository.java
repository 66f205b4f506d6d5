package dev.tollgate.audit.handoff;

import dev.tollgate.audit.trail.TimelineRepository;
import dev.tollgate.schemas.topic.Topics;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads what a handoff record is made of: a version's request, approval and rollout events (traffic
 * commands and acknowledgements are left out: the rollout events say what they achieved), the
 * environments a model was seen in, and the recorded request of a known-good version.
 */
@Repository
public class HandoffRepository {

  private static final String TOPICS = "{" + String.join(",", Topics.DEPLOYMENT_REQUESTS.name(),
      Topics.APPROVALS.name(), Topics.ROLLOUTS.name()) + "}";

  private static final String EVENTS = """
      SELECT event_id, event_type, occurred_at, actor, deployment_id, environment,
             CASE WHEN jsonb_typeof(payload -> 'payload') = 'object' THEN CAST(payload -> 'payload' AS text)
                  ELSE CAST(jsonb_build_object('type', event_type) || (payload - 'envelope') AS text) END AS body
        FROM audit_event
       WHERE model_name = ? AND model_version = ? AND topic = ANY (CAST(? AS text[])) %s
       ORDER BY occurred_at %s, array_position(CAST(? AS text[]), topic) %2$s, partition %2$s, kafka_offset %2$s""";

  private final JdbcTemplate jdbc;

  public HandoffRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The version's request, approval and rollout events in timeline order. */
  public List<HandoffEvent> events(String model, String version) {
    return jdbc.query(EVENTS.formatted("", "ASC"), HandoffRepository::event, model, version, TOPICS,
        TimelineRepository.TOPIC_ORDER);
  }

  /** Environments the model has events in, in the order it first reached them. */
  public List<String> environments(String model) {
    return jdbc.queryForList("""
        SELECT environment FROM audit_event WHERE model_name = ? AND environment IS NOT NULL
         GROUP BY environment ORDER BY min(occurred_at), environment""", String.class, model);
  }

  /** The last recorded DeploymentRequested of a version in an environment. */
  public Optional<HandoffEvent> lastRequest(String model, String version, String environment) {
    return jdbc.query(EVENTS.formatted("AND environment = ? AND event_type = 'DeploymentRequested'", "DESC")
            + " LIMIT 1", HandoffRepository::event, model, version, TOPICS, environment,
        TimelineRepository.TOPIC_ORDER).stream().findFirst();
  }

  private static HandoffEvent event(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new HandoffEvent(rs.getString("event_id"), rs.getString("event_type"),
        rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), rs.getString("deployment_id"),
        rs.getString("environment"), rs.getString("body"));
  }
}
