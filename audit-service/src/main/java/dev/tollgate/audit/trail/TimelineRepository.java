package dev.tollgate.audit.trail;

import dev.tollgate.schemas.topic.Topics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Timeline queries. Order: occurred_at, then the lifecycle order of the topic (requests before
 * approvals before rollouts before traffic, as listed in {@link Topics#LIFECYCLE}), then partition
 * and offset, so events of the same millisecond read in causal order.
 */
@Repository
public class TimelineRepository {

  /** The lifecycle order as a PostgreSQL text[] literal, for array_position(). */
  public static final String TOPIC_ORDER = TrailSql.TOPIC_ORDER;

  private static final String TIMELINE = TrailSql.TIMELINE;

  private final JdbcTemplate jdbc;

  public TimelineRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Up to {@code limit} events of a deployment after timeline position {@code after}. */
  public List<TimelineEvent> ofDeployment(String deploymentId, long after, int limit) {
    return jdbc.query(TIMELINE.formatted("deployment_id = ?"), TimelineRepository::event,
        TOPIC_ORDER, deploymentId, after, limit);
  }

  /** Up to {@code limit} events of a model version after timeline position {@code after}. */
  public List<TimelineEvent> ofVersion(String modelName, String modelVersion, long after, int limit) {
    return jdbc.query(TIMELINE.formatted("model_name = ? AND model_version = ?"), TimelineRepository::event,
        TOPIC_ORDER, modelName, modelVersion, after, limit);
  }

  public boolean deploymentRecorded(String deploymentId) {
    return Boolean.TRUE.equals(jdbc.queryForObject(
        "SELECT EXISTS (SELECT 1 FROM audit_event WHERE deployment_id = ?)", Boolean.class, deploymentId));
  }

  public boolean versionRecorded(String modelName, String modelVersion) {
    return Boolean.TRUE.equals(jdbc.queryForObject(
        "SELECT EXISTS (SELECT 1 FROM audit_event WHERE model_name = ? AND model_version = ?)", Boolean.class,
        modelName, modelVersion));
  }

  private static TimelineEvent event(ResultSet rs, int row) throws SQLException {
    return new TimelineEvent(
        rs.getLong("sequence"),
        rs.getString("event_id"),
        rs.getString("event_type"),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("actor"),
        rs.getString("topic"),
        rs.getInt("partition"),
        rs.getLong("kafka_offset"),
        rs.getString("deployment_id"),
        rs.getString("model_name"),
        rs.getString("model_version"),
        rs.getString("environment"),
        rs.getString("causation_id"),
        rs.getString("chain_id"),
        rs.getLong("chain_seq"),
        rs.getString("body"));
  }
}
