package dev.tollgate.approval.rollout;

import dev.tollgate.approval.deployment.domain.CompletedRollouts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What approval-service remembers of rollout-service's work: started rollouts and completed ones. */
public class JdbcRolloutStore implements CompletedRollouts {

  private final JdbcClient jdbc;

  public JdbcRolloutStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Idempotent: the first start of a deployment is kept. */
  public void recordStarted(String deploymentId, String modelName, String modelVersion, String environment,
      String artifactDigest, Instant at, String eventId) {
    jdbc.sql("""
            INSERT INTO rollout_started (deployment_id, model_name, model_version, environment, artifact_digest,
                started_at, event_id)
            VALUES (:deploymentId, :model, :version, :environment, :digest, :at, :eventId)
            ON CONFLICT (deployment_id) DO NOTHING""")
        .param("deploymentId", deploymentId).param("model", modelName).param("version", modelVersion)
        .param("environment", environment).param("digest", artifactDigest).param("at", Timestamp.from(at))
        .param("eventId", eventId)
        .update();
  }

  /** Idempotent: the first completion of a digest in an environment is kept. True when it is new. */
  public boolean recordCompleted(String modelName, String artifactDigest, String environment, String modelVersion,
      String deploymentId, Instant at, String eventId) {
    return jdbc.sql("""
            INSERT INTO completed_rollout (model_name, artifact_digest, environment, model_version, deployment_id,
                completed_at, event_id)
            VALUES (:model, :digest, :environment, :version, :deploymentId, :at, :eventId)
            ON CONFLICT (model_name, artifact_digest, environment) DO NOTHING""")
        .param("model", modelName).param("digest", artifactDigest).param("environment", environment)
        .param("version", modelVersion).param("deploymentId", deploymentId).param("at", Timestamp.from(at))
        .param("eventId", eventId)
        .update() == 1;
  }

  /** The digest a deployment rolls out: from our own request, else from rollout-service's start. */
  public Optional<String> digestOf(String deploymentId) {
    return jdbc.sql("""
            SELECT artifact_digest FROM deployment WHERE deployment_id = :id
            UNION ALL
            SELECT artifact_digest FROM rollout_started WHERE deployment_id = :id
            LIMIT 1""")
        .param("id", deploymentId).query(String.class).optional();
  }

  @Override
  public boolean completed(String modelName, String artifactDigest, String environment) {
    return jdbc.sql("""
            SELECT count(*) FROM completed_rollout
            WHERE model_name = :model AND artifact_digest = :digest AND environment = :environment""")
        .param("model", modelName).param("digest", artifactDigest).param("environment", environment)
        .query(Long.class).single() > 0;
  }
}
