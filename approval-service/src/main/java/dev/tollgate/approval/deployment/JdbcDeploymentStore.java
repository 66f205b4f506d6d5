package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.api.ProfileBody;
import dev.tollgate.approval.deployment.api.SourceBody;
import dev.tollgate.approval.deployment.api.StrategyBody;
import dev.tollgate.approval.deployment.domain.Decision;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentRequest;
import dev.tollgate.approval.deployment.domain.DeploymentStatus;
import dev.tollgate.approval.policy.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deployments, their decisions and idempotency keys in PostgreSQL. Strategy, profile and source are
 * kept as JSONB in their API form so an operator can read them with psql.
 */
public class JdbcDeploymentStore {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public JdbcDeploymentStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** An idempotency key's claim on a deployment. */
  public record IdempotencyClaim(String key, String deploymentId, String fingerprint) {}

  /**
   * Claims the key for the deployment. Returns false when another request holds it; a concurrent
   * claim in flight is waited for (that is what the unique index does), so the loser then sees
   * the winner's committed claim.
   */
  public boolean claimIdempotencyKey(String key, String deploymentId, String fingerprint, Instant now) {
    return jdbc.sql("""
            INSERT INTO idempotency_key (idempotency_key, deployment_id, fingerprint, created_at)
            VALUES (:key, :deploymentId, :fingerprint, :now)
            ON CONFLICT (idempotency_key) DO NOTHING""")
        .param("key", key).param("deploymentId", deploymentId).param("fingerprint", fingerprint)
        .param("now", Timestamp.from(now))
        .update() == 1;
  }

  public Optional<IdempotencyClaim> findIdempotencyClaim(String key) {
    return jdbc.sql("SELECT idempotency_key, deployment_id, fingerprint FROM idempotency_key WHERE idempotency_key = :key")
        .param("key", key)
        .query((rs, n) -> new IdempotencyClaim(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  public void insert(Deployment deployment, Instant now) {
    DeploymentRequest request = deployment.request();
    jdbc.sql("""
            INSERT INTO deployment (deployment_id, model_name, model_version, environment, artifact_digest, status,
                requested_by, requested_at, policy_version, request_event_id, idempotency_key, source,
                requested_strategy, strategy, profile, updated_at)
            VALUES (:id, :modelName, :modelVersion, :environment, :digest, :status, :requestedBy, :requestedAt,
                :policyVersion, :requestEventId, :idempotencyKey, CAST(:source AS jsonb),
                CAST(:requestedStrategy AS jsonb), CAST(:strategy AS jsonb), CAST(:profile AS jsonb), :now)""")
        .param("id", deployment.id())
        .param("modelName", request.modelName())
        .param("modelVersion", request.modelVersion())
        .param("environment", request.environment())
        .param("digest", request.artifactDigest())
        .param("status", deployment.status().name())
        .param("requestedBy", deployment.requestedBy())
        .param("requestedAt", Timestamp.from(deployment.requestedAt()))
        .param("policyVersion", deployment.policyVersion())
        .param("requestEventId", deployment.requestEventId())
        .param("idempotencyKey", request.idempotencyKey())
        .param("source", json.writeValueAsString(SourceBody.of(request.source())))
        .param("requestedStrategy", request.strategy() == null ? null
            : json.writeValueAsString(StrategyBody.of(request.strategy())))
        .param("strategy", json.writeValueAsString(StrategyBody.of(deployment.strategy())))
        .param("profile", json.writeValueAsString(ProfileBody.of(request.profile())))
        .param("now", Timestamp.from(now))
        .update();
    appendDecisions(deployment, 0);
  }

  /** Writes the status and the decisions added since {@code knownDecisions} were stored. */
  public void update(Deployment deployment, int knownDecisions, Instant now) {
    jdbc.sql("UPDATE deployment SET status = :status, updated_at = :now WHERE deployment_id = :id")
        .param("status", deployment.status().name()).param("now", Timestamp.from(now)).param("id", deployment.id())
        .update();
    appendDecisions(deployment, knownDecisions);
  }

  private void appendDecisions(Deployment deployment, int from) {
    List<Decision> decisions = deployment.decisions();
    for (int seq = from; seq < decisions.size(); seq++) {
      Decision decision = decisions.get(seq);
      jdbc.sql("""
              INSERT INTO decision (deployment_id, seq, kind, actor, actor_key, roles, groups, decided_at, text)
              VALUES (:id, :seq, :kind, :actor, :actorKey, :roles, :groups, :decidedAt, :text)""")
          .param("id", deployment.id())
          .param("seq", seq)
          .param("kind", decision instanceof Decision.Approval ? "APPROVAL" : "REJECTION")
          .param("actor", decision.actor().name())
          .param("actorKey", decision.actor().name().trim().toLowerCase(Locale.ROOT))
          .param("roles", decision.actor().sortedRoles().toArray(String[]::new))
          .param("groups", decision.actor().sortedGroups().toArray(String[]::new))
          .param("decidedAt", Timestamp.from(decision.decidedAt()))
          .param("text", decision instanceof Decision.Approval a ? a.comment() : ((Decision.Rejection) decision).reason())
          .update();
    }
  }

  public Optional<Deployment> find(String id) {
    return findWhere("deployment_id = :value", id, false);
  }

  /** Reads and locks the deployment row until the transaction ends: decisions on one deployment queue up. */
  public Optional<Deployment> findForUpdate(String id) {
    return findWhere("deployment_id = :value", id, true);
  }

  public Optional<Deployment> findByRequestEventId(String eventId) {
    return findWhere("request_event_id = :value", eventId, false);
  }

  /** Newest first; status null lists all. */
  public List<Deployment> list(DeploymentStatus status, int limit) {
    List<Row> rows = jdbc.sql("SELECT * FROM deployment WHERE (CAST(:status AS varchar) IS NULL OR status = :status)"
            + " ORDER BY requested_at DESC, deployment_id LIMIT :limit")
        .param("status", status == null ? null : status.name())
        .param("limit", limit)
        .query(this::row).list();
    return rows.stream().map(this::withDecisions).toList();
  }

  private Optional<Deployment> findWhere(String condition, String value, boolean lock) {
    return jdbc.sql("SELECT * FROM deployment WHERE " + condition + (lock ? " FOR UPDATE" : ""))
        .param("value", value)
        .query(this::row).optional()
        .map(this::withDecisions);
  }

  private record Row(String id, DeploymentRequest request, StrategyBody strategy, String requestedBy,
      Instant requestedAt, String policyVersion, String requestEventId, DeploymentStatus status) {}

  private Row row(ResultSet rs, int n) throws SQLException {
    String requestedStrategy = rs.getString("requested_strategy");
    DeploymentRequest request = new DeploymentRequest(
        rs.getString("model_name"), rs.getString("model_version"), rs.getString("artifact_digest"),
        rs.getString("environment"),
        json.readValue(rs.getString("source"), SourceBody.class).toDomain(),
        requestedStrategy == null ? null : json.readValue(requestedStrategy, StrategyBody.class).toDomain(),
        json.readValue(rs.getString("profile"), ProfileBody.class).toDomain(),
        rs.getString("idempotency_key"));
    return new Row(rs.getString("deployment_id"), request, json.readValue(rs.getString("strategy"), StrategyBody.class),
        rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(), rs.getString("policy_version"),
        rs.getString("request_event_id"), DeploymentStatus.valueOf(rs.getString("status")));
  }

  private Deployment withDecisions(Row row) {
    List<Decision> decisions = jdbc.sql("SELECT * FROM decision WHERE deployment_id = :id ORDER BY seq")
        .param("id", row.id())
        .query((rs, n) -> decision(rs)).list();
    return Deployment.restore(row.id(), row.request(), row.strategy().toDomain(), row.requestedBy(),
        row.requestedAt(), row.policyVersion(), row.requestEventId(), row.status(), new ArrayList<>(decisions));
  }

  private static Decision decision(ResultSet rs) throws SQLException {
    Actor actor = new Actor(rs.getString("actor"), Set.of((String[]) rs.getArray("roles").getArray()),
        Set.of((String[]) rs.getArray("groups").getArray()));
    Instant at = rs.getTimestamp("decided_at").toInstant();
    return "APPROVAL".equals(rs.getString("kind"))
        ? new Decision.Approval(actor, at, rs.getString("text"))
        : new Decision.Rejection(actor, at, rs.getString("text"));
  }
}
