package dev.tollgate.approval.environment;

import dev.tollgate.approval.deployment.domain.EnvironmentSettings;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.policy.ApprovalPolicy;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Environments read from configuration, checked once at startup. */
public final class ConfiguredEnvironments implements Environments {

  private final Map<String, EnvironmentSettings> byName;

  private ConfiguredEnvironments(Map<String, EnvironmentSettings> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** Fails with a message naming the configuration key when a policy is incomplete. */
  public static ConfiguredEnvironments from(PoliciesProperties properties) {
    Map<String, EnvironmentSettings> byName = new TreeMap<>();
    properties.policies().forEach((environment, policy) -> {
      String key = "tollgate.policies." + environment;
      if (!environment.matches("[a-z][a-z0-9-]{0,31}")) {
        throw new IllegalStateException(key + ": environment names are lowercase letters, digits and '-'");
      }
      require(policy.version() != null && !policy.version().isBlank(), key + ".version is required");
      require(policy.requiredApprovals() != null && policy.requiredApprovals() >= 1,
          key + ".required-approvals must be at least 1");
      require(policy.defaultStrategy() != null && policy.defaultStrategy().kind() != null
          && policy.defaultStrategy().steps() != null && !policy.defaultStrategy().steps().isEmpty(),
          key + ".default-strategy needs a kind and at least one step");
      var groups = policy.requiredGroups() == null ? java.util.List.<String>of() : policy.requiredGroups();
      require(groups.size() <= policy.requiredApprovals(),
          key + ": more required groups than required approvals can never be satisfied by distinct approvers"
              + " of one group each; raise required-approvals");
      ApprovalPolicy approvalPolicy = ApprovalPolicy.of(environment, policy.version(), policy.requiredApprovals(),
          blankToNull(policy.approverRole()), groups);
      try {
        byName.put(environment, new EnvironmentSettings(environment, approvalPolicy,
            policy.defaultStrategy().toDomain()));
      } catch (RuntimeException e) {
        throw new IllegalStateException(key + ".default-strategy is invalid: " + e.getMessage(), e);
      }
    });
    if (byName.isEmpty()) {
      throw new IllegalStateException("no environments configured: set tollgate.policies.<environment>");
    }
    return new ConfiguredEnvironments(byName);
  }

  @Override
  public Optional<EnvironmentSettings> find(String name) {
    return Optional.ofNullable(name).map(byName::get);
  }

  @Override
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
