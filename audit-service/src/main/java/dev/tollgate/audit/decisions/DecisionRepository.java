package dev.tollgate.audit.decisions;

import dev.tollgate.audit.trail.TimelineRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads approval decisions and live versions out of the recorded events' decoded payloads. */
@Repository
public class DecisionRepository {

  static final List<String> APPROVAL_TYPES = List.of(
      "ApprovalGranted", "ApprovalRejected", "DeploymentApproved", "DeploymentRejected", "GateApprovalGranted",
      "GateApproved", "GateRejected");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;

  public DecisionRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Approval decisions of a model (one version, if given), in timeline order. */
  public List<ApprovalDecision> approvals(String model, String version) {
    return jdbc.query("""
        SELECT event_id, event_type, occurred_at, deployment_id, model_version, environment, actor,
               CAST(payload -> 'payload' AS text) AS body
          FROM audit_event
         WHERE model_name = ? AND (CAST(? AS text) IS NULL OR model_version = ?)
           AND event_type = ANY (CAST(? AS text[]))
         ORDER BY occurred_at, array_position(CAST(? AS text[]), topic), partition, kafka_offset""",
        DecisionRepository::approval, model, version, version, "{" + String.join(",", APPROVAL_TYPES) + "}",
        TimelineRepository.TOPIC_ORDER);
  }

  /** The last promotion or completed rollback of a model in an environment at or before {@code at}. */
  public Optional<LiveVersion> liveAt(String model, String environment, Instant at) {
    return jdbc.query("""
        SELECT event_id, event_type, occurred_at, deployment_id, model_version,
               payload -> 'payload' ->> 'restoredVersion' AS restored
          FROM audit_event
         WHERE model_name = ? AND environment = ? AND occurred_at <= ?
           AND event_type IN ('RolloutPromoted', 'RollbackCompleted')
         ORDER BY occurred_at DESC, array_position(CAST(? AS text[]), topic) DESC, partition DESC, kafka_offset DESC
         LIMIT 1""",
        (rs, i) -> new LiveVersion(model, environment, at,
            "RolloutPromoted".equals(rs.getString("event_type")) ? rs.getString("model_version") : rs.getString("restored"),
            rs.getTimestamp("occurred_at").toInstant(), rs.getString("deployment_id"), rs.getString("event_type"),
            rs.getString("event_id")),
        model, environment, Timestamp.from(at), TimelineRepository.TOPIC_ORDER).stream().findFirst();
  }

  public boolean modelRecorded(String model, String version) {
    return Boolean.TRUE.equals(jdbc.queryForObject("""
        SELECT EXISTS (SELECT 1 FROM audit_event WHERE model_name = ? AND (CAST(? AS text) IS NULL OR model_version = ?))""",
        Boolean.class, model, version, version));
  }

  private static ApprovalDecision approval(ResultSet rs, int row) throws SQLException {
    JsonNode body = JSON.readTree(rs.getString("body"));
    String type = rs.getString("event_type");
    List<String> approvers = switch (type) {
      case "ApprovalGranted", "ApprovalRejected", "GateApprovalGranted" -> List.of(body.path("approver").asString());
      case "GateRejected" -> List.of(body.path("rejectedBy").asString());
      default -> strings(body.path("approvers"));
    };
    return new ApprovalDecision(rs.getString("event_id"), type, rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("deployment_id"), rs.getString("model_version"), rs.getString("environment"), rs.getString("actor"),
        approvers, strings(body.path("roles")), text(body, "policyVersion"), text(body, "artifactDigest"),
        text(body, "reason"), body.path("breakGlass").isBoolean() ? body.path("breakGlass").asBoolean() : null,
        text(body, "gate"));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.asString()));
    return values;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.path(field);
    return value.isString() ? value.asString() : null;
  }
}
