package dev.tollgate.approval.deployment.domain;

import dev.tollgate.approval.policy.ApprovalPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an environment imposes on a deployment: its approval policy, its default strategy, the
 * environment an artifact must have completed in first, and the quorum of each stage gate.
 *
 * @param promotionOrder where a digest must have completed a rollout first ({@link PromotionOrder#NONE}: nowhere)
 * @param gates quorum per gate name; gates not named need one approver
 */
public record EnvironmentSettings(String name, ApprovalPolicy policy, RolloutStrategy defaultStrategy,
    PromotionOrder promotionOrder, Map<String, GateQuorum> gates) {

  public EnvironmentSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(defaultStrategy, "defaultStrategy");
    promotionOrder = promotionOrder == null ? PromotionOrder.NONE : promotionOrder;
    gates = Map.copyOf(gates == null ? Map.of() : gates);
  }

  public EnvironmentSettings(String name, ApprovalPolicy policy, RolloutStrategy defaultStrategy) {
    this(name, policy, defaultStrategy, PromotionOrder.NONE, Map.of());
  }

  /** How many approvals, and from which groups, open one gate. */
  public record GateQuorum(int requiredApprovals, List<String> requiredGroups) {
    public static final GateQuorum DEFAULT = new GateQuorum(1, List.of());

    public GateQuorum {
      if (requiredApprovals < 1) {
        throw new IllegalArgumentException("a gate needs at least 1 approval, was " + requiredApprovals);
      }
      requiredGroups = List.copyOf(requiredGroups == null ? List.of() : requiredGroups);
    }
  }

  /**
   * The policy deciding gate {@code gate}: the environment's machinery (version, approver role,
   * no self-approval, approval-ttl) with the gate's own quorum and no freeze, since the rollout it
   * widens was already approved.
   */
  public ApprovalPolicy gatePolicy(String gate) {
    GateQuorum quorum = gates.getOrDefault(gate, GateQuorum.DEFAULT);
    return ApprovalPolicy.of(name, policy.version(), quorum.requiredApprovals(), policy.approverRole(),
        quorum.requiredGroups()).withApprovalTtl(policy.approvalTtl());
  }
}
