package dev.tollgate.rollout.strategy;

import java.util.Objects;

/** Which deployment an event is about: one model version in one environment. */
public record DeploymentRef(String deploymentId, String model, String version, String environment) {

  public DeploymentRef {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(environment, "environment");
  }
}
