package dev.tollgate.approval.pending;

import dev.tollgate.approval.deployment.DeploymentQueries;
import dev.tollgate.approval.deployment.api.DeploymentView;
import dev.tollgate.approval.gate.Gates;
import dev.tollgate.approval.gate.api.GateView;
import dev.tollgate.approval.policy.Actor;
import dev.tollgate.approval.security.Callers;
import dev.tollgate.security.TollgateUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "My pending approvals": what waits for a decision the caller may give. */
@RestController
@SecurityRequirement(name = "bearer")
public class PendingApprovalsController {

  private final DeploymentQueries deployments;
  private final Gates gates;

  public PendingApprovalsController(DeploymentQueries deployments, Gates gates) {
    this.deployments = deployments;
    this.gates = gates;
  }

  /** Deployments and gates awaiting the caller's decision, oldest first. */
  public record PendingApprovals(List<DeploymentView> deployments, List<GateView> gates) {}

  @Operation(summary = "My pending approvals",
      description = "Pending deployments and stage gates the caller is eligible to approve now: the policy's"
          + " approver role, not the requester or commit author, not yet counted, not expired. Empty for roles"
          + " that never approve (ci, operator, auditor, admin outside a freeze).")
  @GetMapping("/api/v1/approvals/pending")
  public PendingApprovals pending(@AuthenticationPrincipal TollgateUser user,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    Actor actor = Callers.actor(user);
    return new PendingApprovals(
        deployments.awaiting(actor, limit).stream()
            .map(d -> DeploymentView.of(d, deployments.evaluate(d), deployments.expiresAt(d))).toList(),
        gates.awaiting(actor, limit).stream()
            .map(g -> GateView.of(g, gates.deploymentOf(g), gates.evaluate(g))).toList());
  }
}
