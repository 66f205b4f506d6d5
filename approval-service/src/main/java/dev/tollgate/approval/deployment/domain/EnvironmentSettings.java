package dev.tollgate.approval.deployment.domain;

import dev.tollgate.approval.policy.ApprovalPolicy;
import java.util.Objects;

/** What an environment imposes on a deployment: its approval policy and its default strategy. */
public record EnvironmentSettings(String name, ApprovalPolicy policy, RolloutStrategy defaultStrategy) {

  public EnvironmentSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(defaultStrategy, "defaultStrategy");
  }
}
