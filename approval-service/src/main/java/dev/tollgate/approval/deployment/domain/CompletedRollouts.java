package dev.tollgate.approval.deployment.domain;

/** Which artifact digests of a model completed a rollout in which environment. */
public interface CompletedRollouts {

  /** Nothing completed anywhere: for setups without a rollouts consumer. */
  CompletedRollouts NONE = (model, digest, environment) -> false;

  boolean completed(String modelName, String artifactDigest, String environment);
}
