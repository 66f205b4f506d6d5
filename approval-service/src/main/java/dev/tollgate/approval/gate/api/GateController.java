package dev.tollgate.approval.gate.api;

import dev.tollgate.approval.deployment.api.DecisionBodies;
import dev.tollgate.approval.gate.Gates;
import dev.tollgate.approval.gate.domain.Gate;
import dev.tollgate.approval.gate.domain.GateStatus;
import dev.tollgate.approval.security.Callers;
import dev.tollgate.security.TollgateUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stage gates rollout-service waits at: listed for everyone, decided by approvers. */
@RestController
@SecurityRequirement(name = "bearer")
public class GateController {

  private final Gates gates;

  public GateController(Gates gates) {
    this.gates = gates;
  }

  @Operation(summary = "Stage gates, oldest first, optionally by status (e.g. PENDING)")
  @GetMapping("/api/v1/gates")
  public List<GateView> list(@RequestParam(required = false) GateStatus status,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return gates.list(status, limit).stream().map(this::view).toList();
  }

  @Operation(summary = "Approve a stage gate (role approver)",
      description = "The gate opens (GateApproved on the approvals topic) when its quorum is met:"
          + " gates.<name>.required-approvals of the environment's policy, default 1. 403 self-approval;"
          + " 404 when the deployment has no such gate; 409 when the gate is decided or this person already"
          + " approved; 422 when the policy does not accept this approver.")
  @ApiResponse(responseCode = "200", description = "vote recorded")
  @ApiResponse(responseCode = "404", description = "no such deployment or gate",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "gate already decided or already approved by this person",
      content = @Content(mediaType = "application/problem+json"))
  @PostMapping("/api/v1/deployments/{deploymentId}/gates/{gate}/approve")
  public GateView approve(@PathVariable String deploymentId, @PathVariable String gate,
      @Valid @RequestBody(required = false) DecisionBodies.ApproveBody body,
      @AuthenticationPrincipal TollgateUser user) {
    return view(gates.approve(deploymentId, gate, Callers.actor(user), body == null ? null : body.comment()));
  }

  @Operation(summary = "Reject a stage gate (role approver); a reason is required",
      description = "One rejection closes the gate (GateRejected); rollout-service then does not widen.")
  @PostMapping("/api/v1/deployments/{deploymentId}/gates/{gate}/reject")
  public GateView reject(@PathVariable String deploymentId, @PathVariable String gate,
      @Valid @RequestBody DecisionBodies.RejectBody body,
      @AuthenticationPrincipal TollgateUser user) {
    return view(gates.reject(deploymentId, gate, Callers.actor(user), body.reason()));
  }

  GateView view(Gate gate) {
    return GateView.of(gate, gates.deploymentOf(gate), gates.evaluate(gate));
  }
}
