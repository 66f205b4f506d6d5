package dev.tollgate.approval.deployment.domain;

import java.util.Objects;

/** Where and how the model version runs. */
public record DeploymentProfile(String instanceType, String instanceSize, int replicas, String location,
    String updateSchedule) {

  public DeploymentProfile {
    Objects.requireNonNull(instanceType, "instanceType");
    Objects.requireNonNull(location, "location");
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1, was " + replicas);
    }
  }
}
