package dev.tollgate.approval.environment;

import dev.tollgate.approval.deployment.api.StrategyBody;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tollgate.policies.<environment>}: version, required-approvals, required-groups,
 * approver-role, default-strategy (kind and steps in their JSON form, e.g. {@code - set-weight: 20}),
 * approval-ttl, request-ttl, requires-completed-in, freeze-windows and gates.
 */
@ConfigurationProperties("tollgate")
public record PoliciesProperties(Map<String, Policy> policies) {

  public PoliciesProperties {
    policies = policies == null ? Map.of() : Map.copyOf(policies);
  }

  /**
   * @param approvalTtl how long an approval counts (e.g. {@code 24h}); unset: as long as the request lives
   * @param requestTtl how long a request waits for its quorum before it expires (e.g. {@code 7d}); unset: for ever
   * @param requiresCompletedIn the environment an artifact digest must have completed a rollout in first
   * @param gates quorum per stage gate name; a gate not listed needs one approval
   */
  public record Policy(String version, Integer requiredApprovals, List<String> requiredGroups, String approverRole,
      StrategyBody defaultStrategy, Duration approvalTtl, Duration requestTtl, String requiresCompletedIn,
      List<FreezeWindow> freezeWindows, Map<String, Gate> gates) {}

  /**
   * One freeze window: either a range ({@code from}/{@code until}, ISO local date-times such as
   * {@code 2025-12-20T00:00}) or a weekly window ({@code weekly-from}/{@code weekly-until} such as
   * {@code FRIDAY 18:00}), read in {@code zone} (default UTC).
   */
  public record FreezeWindow(String name, String from, String until, String weeklyFrom, String weeklyUntil,
      String zone) {}

  /** A stage gate's quorum: {@code required-approvals} (default 1) and optional {@code required-groups}. */
  public record Gate(Integer requiredApprovals, List<String> requiredGroups) {}
}
