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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      Decision.Approval approval = decision instanceof Decision.Approval a ? a : null;
      jdbc.sql("""
              INSERT INTO decision (deployment_id, seq, kind, actor, actor_key, roles, groups, decided_at, text,
                  artifact_digest, policy_version, break_glass)
              VALUES (:id, :seq, :kind, :actor, :actorKey, :roles, :groups, :decidedAt, :text,
                  :digest, :policyVersion, :breakGlass)""")
          .param("id", deployment.id())
          .param("seq", seq)
          .param("kind", kind(decision))
          .param("actor", decision.actor().name())
          .param("actorKey", decision.actor().name().trim().toLowerCase(Locale.ROOT))
          .param("roles", decision.actor().sortedRoles().toArray(String[]::new))
          .param("groups", decision.actor().sortedGroups().toArray(String[]::new))
          .param("decidedAt", Timestamp.from(decision.decidedAt()))
          .param("text", text(decision))
          .param("digest", approval == null ? null : approval.artifactDigest())
          .param("policyVersion", approval == null ? null : approval.policyVersion())
          .param("breakGlass", approval != null && approval.breakGlass())
          .update();
    }
  }

  private static String kind(Decision decision) {
    if (decision instanceof Decision.Approval) {
      return "APPROVAL";
    }
    if (decision instanceof Decision.Rejection) {
      return "REJECTION";
    }
    return decision instanceof Decision.Withdrawal ? "WITHDRAWAL" : "COMMENT";
  }

  private static String text(Decision decision) {
    if (decision instanceof Decision.Approval a) {
      return a.comment();
    }
    if (decision instanceof Decision.Rejection r) {
      return r.reason();
    }
    if (decision instanceof Decision.Withdrawal w) {
      return w.reason();
    }
    return ((Decision.Comment) decision).text();
  }

  /**
   * Serializes requests for one model and environment until the transaction ends, so two
   * concurrent requests cannot both stay pending (one supersedes the other).
   */
  public void lockModelEnvironment(String modelName, String environment) {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "tollgate-request:" + modelName + "/" + environment)
        .query((rs, n) -> 1).list();
  }

  /** Pending deployments of a model in an environment, locked, oldest first. */
  public List<Deployment> findPendingForUpdate(String modelName, String environment) {
    return select("model_name = :model AND environment = :environment AND status = 'PENDING_APPROVAL'",
        "requested_at, deployment_id", null, true, Map.of("model", modelName, "environment", environment));
  }

  /** Ids of pending deployments in an environment requested at or before {@code cutoff}. */
  public List<String> findPendingRequestedBefore(String environment, Instant cutoff, int limit) {
    return jdbc.sql("""
            SELECT deployment_id FROM deployment WHERE status = 'PENDING_APPROVAL' AND environment = :environment
            AND requested_at <= :cutoff ORDER BY requested_at LIMIT :limit""")
        .param("environment", environment).param("cutoff", Timestamp.from(cutoff)).param("limit", limit)
        .query(String.class).list();
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
    Map<String, Object> params = new HashMap<>();
    params.put("status", status == null ? null : status.name());
    return select("(CAST(:status AS varchar) IS NULL OR status = :status)", "requested_at DESC, deployment_id",
        limit, false, params);
  }

  private Optional<Deployment> findWhere(String condition, String value, boolean lock) {
    return select(condition, "deployment_id", null, lock, Map.of("value", value)).stream().findFirst();
  }

  /**
   * The deployments matching {@code condition} with their decisions, in one statement: the
   * deployment rows (locked with {@code lock}) joined to their decisions. One round trip for a
   * decision's read and one for a list, where a query of decisions per deployment made a list of
   * a thousand pending deployments a thousand and one.
   */
  private List<Deployment> select(String condition, String order, Integer limit, boolean lock,
      Map<String, ?> params) {
    String sql = "WITH d AS (SELECT * FROM deployment WHERE " + condition + " ORDER BY " + order
        + (limit == null ? "" : " LIMIT :limit") + (lock ? " FOR UPDATE" : "") + ")"
        + " SELECT d.*, c.seq AS c_seq, c.kind AS c_kind, c.actor AS c_actor, c.roles AS c_roles,"
        + " c.groups AS c_groups, c.decided_at AS c_decided_at, c.text AS c_text,"
        + " c.artifact_digest AS c_artifact_digest, c.policy_version AS c_policy_version,"
        + " c.break_glass AS c_break_glass"
        + " FROM d LEFT JOIN decision c ON c.deployment_id = d.deployment_id"
        + " ORDER BY " + qualified(order) + ", c.seq";
    var statement = jdbc.sql(sql).params(params);
    if (limit != null) {
      statement = statement.param("limit", limit);
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    Map<String, List<Decision>> decisions = new HashMap<>();
    statement.query(rs -> {
      String id = rs.getString("deployment_id");
      List<Decision> own = decisions.computeIfAbsent(id, k -> new ArrayList<>());
      if (!rows.containsKey(id)) {
        rows.put(id, row(rs, 0));
      }
      if (rs.getObject("c_seq") != null) {
        own.add(decision(rs));
      }
    });
    return rows.values().stream().map(row -> Deployment.restore(row.id(), row.request(), row.strategy().toDomain(),
        row.requestedBy(), row.requestedAt(), row.policyVersion(), row.requestEventId(), row.status(),
        decisions.get(row.id()))).toList();
  }

  /** The CTE's order for the outer select, whose columns are the CTE's {@code d}. */
  private static String qualified(String order) {
    return String.join(", ", Arrays.stream(order.split(",")).map(term -> "d." + term.strip()).toList());
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

  private static Decision decision(ResultSet rs) throws SQLException {
    Actor actor = new Actor(rs.getString("c_actor"), Set.of((String[]) rs.getArray("c_roles").getArray()),
        Set.of((String[]) rs.getArray("c_groups").getArray()));
    Instant at = rs.getTimestamp("c_decided_at").toInstant();
    String text = rs.getString("c_text");
    return switch (rs.getString("c_kind")) {
      case "APPROVAL" -> new Decision.Approval(actor, at, text, rs.getString("c_artifact_digest"),
          rs.getString("c_policy_version"), rs.getBoolean("c_break_glass"));
      case "REJECTION" -> new Decision.Rejection(actor, at, text);
      case "WITHDRAWAL" -> new Decision.Withdrawal(actor, at, text);
      case "COMMENT" -> new Decision.Comment(actor, at, text);
      default -> throw new IllegalStateException("unknown decision kind " + rs.getString("c_kind"));
    };
  }
}
