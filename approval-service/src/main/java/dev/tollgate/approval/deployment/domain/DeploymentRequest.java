package dev.tollgate.approval.deployment.domain;

import java.util.Objects;

/**
 * What CI asks for. Syntax (patterns, ranges) is checked at the edges; the aggregate checks what
 * needs the environment's settings.
 *
 * @param strategy the requested strategy, or null for the environment's default
 * @param idempotencyKey CI's key for retries, or null
 */
public record DeploymentRequest(
    String modelName,
    String modelVersion,
    String artifactDigest,
    String environment,
    ArtifactSource source,
    RolloutStrategy strategy,
    DeploymentProfile profile,
    String idempotencyKey) {

  public DeploymentRequest {
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(artifactDigest, "artifactDigest");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(profile, "profile");
    source = source == null ? ArtifactSource.UNKNOWN : source;
  }

  /**
   * What makes two requests "the same request" for idempotency: same model, version, digest and
   * environment. A retried request with the same key but another artifact is a client bug.
   */
  public String fingerprint() {
    return modelName + "/" + modelVersion + "/" + environment + "/" + artifactDigest;
  }
}
