package dev.tollgate.approval.environment;

import dev.tollgate.approval.deployment.api.StrategyBody;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tollgate.policies.<environment>}: version, required-approvals, required-groups,
 * approver-role and default-strategy (kind and steps in their JSON form, e.g. {@code - set-weight: 20}).
 */
@ConfigurationProperties("tollgate")
public record PoliciesProperties(Map<String, Policy> policies) {

  public PoliciesProperties {
    policies = policies == null ? Map.of() : Map.copyOf(policies);
  }

  public record Policy(String version, Integer requiredApprovals, List<String> requiredGroups, String approverRole,
      StrategyBody defaultStrategy) {}
}
