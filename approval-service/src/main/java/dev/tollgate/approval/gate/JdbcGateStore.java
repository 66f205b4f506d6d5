package dev.tollgate.approval.gate;

import dev.tollgate.approval.deployment.domain.Decision;
import dev.tollgate.approval.gate.domain.Gate;
import dev.tollgate.approval.gate.domain.GateStatus;
import dev.tollgate.approval.policy.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Stage gates and their votes in PostgreSQL. */
public class JdbcGateStore {

  private final JdbcClient jdbc;

  public JdbcGateStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new gate; false when this gate (or this request event) is already known. */
  public boolean insertIfAbsent(Gate gate) {
    return jdbc.sql("""
            INSERT INTO gate (deployment_id, gate, step_index, current_weight, status, requested_at, request_event_id)
            VALUES (:deploymentId, :gate, :stepIndex, :weight, :status, :requestedAt, :eventId)
            ON CONFLICT DO NOTHING""")
        .param("deploymentId", gate.deploymentId()).param("gate", gate.name()).param("stepIndex", gate.stepIndex())
        .param("weight", gate.currentWeight()).param("status", gate.status().name())
        .param("requestedAt", Timestamp.from(gate.requestedAt())).param("eventId", gate.requestEventId())
        .update() == 1;
  }

  /** Writes the status and the votes added since {@code knownVotes} were stored. */
  public void update(Gate gate, int knownVotes) {
    jdbc.sql("""
            UPDATE gate SET status = :status, decided_at = :decidedAt
            WHERE deployment_id = :deploymentId AND gate = :gate AND step_index = :stepIndex""")
        .param("status", gate.status().name())
        .param("decidedAt", gate.decidedAt() == null ? null : Timestamp.from(gate.decidedAt()))
        .param("deploymentId", gate.deploymentId()).param("gate", gate.name()).param("stepIndex", gate.stepIndex())
        .update();
    List<Decision> votes = gate.votes();
    for (int seq = knownVotes; seq < votes.size(); seq++) {
      Decision vote = votes.get(seq);
      Decision.Approval approval = vote instanceof Decision.Approval a ? a : null;
      jdbc.sql("""
              INSERT INTO gate_vote (deployment_id, gate, step_index, seq, kind, actor, roles, groups, decided_at, text,
                  artifact_digest, policy_version)
              VALUES (:deploymentId, :gate, :stepIndex, :seq, :kind, :actor, :roles, :groups, :decidedAt, :text,
                  :digest, :policyVersion)""")
          .param("deploymentId", gate.deploymentId()).param("gate", gate.name()).param("stepIndex", gate.stepIndex())
          .param("seq", seq)
          .param("kind", approval != null ? "APPROVAL" : "REJECTION")
          .param("actor", vote.actor().name())
          .param("roles", vote.actor().sortedRoles().toArray(String[]::new))
          .param("groups", vote.actor().sortedGroups().toArray(String[]::new))
          .param("decidedAt", Timestamp.from(vote.decidedAt()))
          .param("text", approval != null ? approval.comment() : ((Decision.Rejection) vote).reason())
          .param("digest", approval == null ? null : approval.artifactDigest())
          .param("policyVersion", approval == null ? null : approval.policyVersion())
          .update();
    }
  }

  public Optional<Gate> find(String deploymentId, String gate, int stepIndex) {
    return jdbc.sql("SELECT * FROM gate WHERE deployment_id = :deploymentId AND gate = :gate AND step_index = :step")
        .param("deploymentId", deploymentId).param("gate", gate).param("step", stepIndex)
        .query(this::row).optional().map(this::withVotes);
  }

  /**
   * The gate of that name to decide, locked: the pending one at the lowest step, or else the
   * latest one (so a late vote learns it was decided).
   */
  public Optional<Gate> findByNameForUpdate(String deploymentId, String gate) {
    return jdbc.sql("""
            SELECT * FROM gate WHERE deployment_id = :deploymentId AND gate = :gate
            ORDER BY (status = 'PENDING') DESC,
                     CASE WHEN status = 'PENDING' THEN step_index ELSE -step_index END
            LIMIT 1 FOR UPDATE""")
        .param("deploymentId", deploymentId).param("gate", gate)
        .query(this::row).optional().map(this::withVotes);
  }

  public List<Gate> findPendingForUpdate(String deploymentId) {
    return jdbc.sql("SELECT * FROM gate WHERE deployment_id = :deploymentId AND status = 'PENDING' FOR UPDATE")
        .param("deploymentId", deploymentId).query(this::row).list().stream().map(this::withVotes).toList();
  }

  /** Oldest first; status null lists all. */
  public List<Gate> list(GateStatus status, int limit) {
    return jdbc.sql("""
            SELECT * FROM gate WHERE (CAST(:status AS varchar) IS NULL OR status = :status)
            ORDER BY requested_at, deployment_id, step_index LIMIT :limit""")
        .param("status", status == null ? null : status.name()).param("limit", limit)
        .query(this::row).list().stream().map(this::withVotes).toList();
  }

  private record Row(String deploymentId, String name, int stepIndex, int currentWeight, Instant requestedAt,
      String requestEventId, GateStatus status, Instant decidedAt) {}

  private Row row(ResultSet rs, int n) throws SQLException {
    Timestamp decidedAt = rs.getTimestamp("decided_at");
    return new Row(rs.getString("deployment_id"), rs.getString("gate"), rs.getInt("step_index"),
        rs.getInt("current_weight"), rs.getTimestamp("requested_at").toInstant(), rs.getString("request_event_id"),
        GateStatus.valueOf(rs.getString("status")), decidedAt == null ? null : decidedAt.toInstant());
  }

  private Gate withVotes(Row row) {
    List<Decision> votes = jdbc.sql("""
            SELECT * FROM gate_vote WHERE deployment_id = :deploymentId AND gate = :gate AND step_index = :step
            ORDER BY seq""")
        .param("deploymentId", row.deploymentId()).param("gate", row.name()).param("step", row.stepIndex())
        .query((r, i) -> vote(r)).list();
    return Gate.restore(row.deploymentId(), row.name(), row.stepIndex(), row.currentWeight(), row.requestedAt(),
        row.requestEventId(), row.status(), row.decidedAt(), votes);
  }

  private static Decision vote(ResultSet rs) throws SQLException {
    Actor actor = new Actor(rs.getString("actor"), Set.of((String[]) rs.getArray("roles").getArray()),
        Set.of((String[]) rs.getArray("groups").getArray()));
    Instant at = rs.getTimestamp("decided_at").toInstant();
    return "APPROVAL".equals(rs.getString("kind"))
        ? new Decision.Approval(actor, at, rs.getString("text"), rs.getString("artifact_digest"),
            rs.getString("policy_version"), false)
        : new Decision.Rejection(actor, at, rs.getString("text"));
  }
}
