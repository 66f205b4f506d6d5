package dev.tollgate.approval.deployment.api;

import dev.tollgate.approval.deployment.DeploymentDecisions;
import dev.tollgate.approval.deployment.DeploymentIntake;
import dev.tollgate.approval.deployment.DeploymentQueries;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentStatus;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.security.Callers;
import dev.tollgate.security.TollgateUser;
import io.swagger.v3.oas.annotations.Operation;
import dev.tollgate.approval.api.InvalidFieldException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** CI requests deployments; approvers approve or reject them; everyone authenticated reads them. */
@RestController
@RequestMapping("/api/v1/deployments")
@SecurityRequirement(name = "bearer")
public class DeploymentController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final DeploymentIntake intake;
  private final DeploymentDecisions decisions;
  private final DeploymentQueries queries;

  public DeploymentController(DeploymentIntake intake, DeploymentDecisions decisions, DeploymentQueries queries) {
    this.intake = intake;
    this.decisions = decisions;
    this.queries = queries;
  }

  @Operation(summary = "Request a deployment (role ci)",
      description = "201 with Location for a new deployment; 200 with the same deployment when the"
          + " Idempotency-Key was seen before. 400 when a field is missing or malformed; 422 when the"
          + " strategy breaks a rollout rule (each violation named by its step, e.g. strategy.steps[1]),"
          + " the environment has no policy or the key belongs to another request.")
  @PostMapping
  public ResponseEntity<DeploymentView> request(
      @Parameter(description = "retries with the same key return the same deployment")
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
      @Pattern(regexp = "[\\x21-\\x7e]{1,200}", message = "must be 1-200 printable ASCII characters without spaces")
      String idempotencyKey,
      @Valid @RequestBody DeploymentRequestBody body,
      @AuthenticationPrincipal TollgateUser user) {
    var outcome = intake.submit(body.toDomain(idempotencyKey), Callers.actor(user), Intake.rest(), null);
    DeploymentView view = view(outcome.deployment());
    if (outcome instanceof DeploymentIntake.Outcome.Created) {
      return ResponseEntity.created(URI.create("/api/v1/deployments/" + view.deploymentId())).body(view);
    }
    return ResponseEntity.ok().location(URI.create("/api/v1/deployments/" + view.deploymentId())).body(view);
  }

  @Operation(summary = "A deployment with its decisions and the policy's verdict")
  @GetMapping("/{deploymentId}")
  public DeploymentView get(@PathVariable String deploymentId) {
    return view(queries.get(deploymentId));
  }

  @Operation(summary = "Deployments, newest first, optionally by status")
  @GetMapping
  public List<DeploymentView> list(
      @RequestParam(required = false) DeploymentStatus status,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return queries.list(status, limit).stream().map(this::view).toList();
  }

  @Operation(summary = "Approve (role approver; role admin only with breakGlass during a freeze)",
      description = "200 with the deployment; on quorum it is APPROVED. 403 self-approval for the requester or"
          + " commit author, or breakGlass by a non-admin; 409 when already decided, expired or already approved"
          + " by this person; 422 when the policy does not accept this approver, or when the approval would"
          + " reach quorum during a freeze window (an admin may then approve with breakGlass and a reason).")
  @ApiResponse(responseCode = "200", description = "approval recorded")
  @ApiResponse(responseCode = "403", description = "self-approval or break-glass by a non-admin",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "409", description = "already decided, expired or already approved",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "422", description = "refused by policy (role, freeze window)",
      content = @Content(mediaType = "application/problem+json"))
  @PostMapping("/{deploymentId}/approve")
  public DeploymentView approve(@PathVariable String deploymentId,
      @Valid @RequestBody(required = false) DecisionBodies.ApproveBody body,
      @AuthenticationPrincipal TollgateUser user) {
    if (body == null) {
      return view(decisions.approve(deploymentId, Callers.actor(user), null, false));
    }
    if (body.isBreakGlass() && (body.text() == null || body.text().isBlank())) {
      throw new InvalidFieldException("reason", "a break-glass approval needs a reason");
    }
    return view(decisions.approve(deploymentId, Callers.actor(user), body.text(), body.isBreakGlass()));
  }

  @Operation(summary = "Reject (role approver); a reason is required",
      description = "One rejection rejects the deployment. 409 when it is already decided or expired.")
  @PostMapping("/{deploymentId}/reject")
  public DeploymentView reject(@PathVariable String deploymentId,
      @Valid @RequestBody DecisionBodies.RejectBody body,
      @AuthenticationPrincipal TollgateUser user) {
    return view(decisions.reject(deploymentId, Callers.actor(user), body.reason()));
  }

  @Operation(summary = "Withdraw a pending request (its requester, role ci, or role admin)",
      description = "The deployment becomes WITHDRAWN and ApprovalWithdrawn is emitted. 403 when the caller is"
          + " neither the requester nor an admin; 409 when it is no longer pending.")
  @PostMapping("/{deploymentId}/withdraw")
  public DeploymentView withdraw(@PathVariable String deploymentId,
      @Valid @RequestBody(required = false) DecisionBodies.WithdrawBody body,
      @AuthenticationPrincipal TollgateUser user) {
    return view(decisions.withdraw(deploymentId, Callers.actor(user), body == null ? null : body.reason()));
  }

  @Operation(summary = "Comment on a deployment (roles approver, operator, admin)",
      description = "Recorded in the decision log and emitted as ApprovalCommented; decides nothing.")
  @PostMapping("/{deploymentId}/comments")
  public DeploymentView comment(@PathVariable String deploymentId,
      @Valid @RequestBody DecisionBodies.CommentBody body,
      @AuthenticationPrincipal TollgateUser user) {
    return view(decisions.comment(deploymentId, Callers.actor(user), body.comment()));
  }

  private DeploymentView view(Deployment deployment) {
    return DeploymentView.of(deployment, queries.evaluate(deployment), queries.expiresAt(deployment));
  }
}
