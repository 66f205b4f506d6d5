package dev.tollgate.rollout.api;

import dev.tollgate.rollout.operator.OperatorCommandPublisher;
import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.VersionStatus;
import dev.tollgate.security.TollgateUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators and alerting ask the controller to roll back, pause, resume or promote. Nothing changes here: a command goes onto
 * Kafka and the controller, which owns the rollout's state, acts on it (or finds it moot). Each
 * command's actor is the authenticated caller (access rules: {@code security.SecurityConfiguration}).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "operator", description = "Abort, pause, resume or promote a rollout; Alertmanager webhook")
@SecurityRequirement(name = "bearer")
public class OperatorController {

  private final StateQueries queries;
  private final OperatorCommandPublisher publisher;

  public OperatorController(StateQueries queries, OperatorCommandPublisher publisher) {
    this.queries = queries;
    this.publisher = publisher;
  }

  public record AbortRequest(String reason) {}

  /** Optional body of pause, resume and promote. */
  public record CommandRequest(String reason) {}

  public record CommandAccepted(
      String commandId, String command, String deploymentId, String modelName, String modelVersion,
      String environment) {}

  @PostMapping("/deployments/{deploymentId}/abort")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Roll the deployment's active rollout back to the last known-good version (MANUAL_ABORT)")
  public CommandAccepted abort(@PathVariable String deploymentId, @RequestBody(required = false) AbortRequest body,
      @AuthenticationPrincipal TollgateUser caller) {
    if (body == null || body.reason() == null || body.reason().isBlank()) {
      throw new InvalidRequestException("reason", "is required: say why the rollout is aborted");
    }
    DeploymentView target = activeRollout(deploymentId, "aborted");
    String commandId = publisher.abort(target, caller.name(), body.reason().strip());
    return accepted(commandId, "abort", target);
  }

  @PostMapping("/deployments/{deploymentId}/pause")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Pause the deployment's active rollout: no step starts or completes, timers stop; "
      + "bake checks still roll back on a breach")
  public CommandAccepted pause(@PathVariable String deploymentId,
      @RequestBody(required = false) CommandRequest body, @AuthenticationPrincipal TollgateUser caller) {
    DeploymentView target = activeRollout(deploymentId, "paused");
    String reason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
    return accepted(publisher.pause(target, caller.name(), reason), "pause", target);
  }

  @PostMapping("/deployments/{deploymentId}/resume")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Resume a paused rollout, or complete the pause-until-resumed step it waits at")
  public CommandAccepted resume(@PathVariable String deploymentId,
      @RequestBody(required = false) CommandRequest body, @AuthenticationPrincipal TollgateUser caller) {
    DeploymentView target = activeRollout(deploymentId, "resumed");
    return accepted(publisher.resume(target, caller.name()), "resume", target);
  }

  @PostMapping("/deployments/{deploymentId}/promote")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Skip the remaining steps to 100 % on the new version; a gate step not yet approved "
      + "still stops the rollout until approval-service approves it")
  public CommandAccepted promote(@PathVariable String deploymentId,
      @RequestBody(required = false) CommandRequest body, @AuthenticationPrincipal TollgateUser caller) {
    DeploymentView target = activeRollout(deploymentId, "promoted");
    return accepted(publisher.promote(target, caller.name()), "promote", target);
  }

  /** The deployment, when it is an active rollout (rolling out or paused); else 404 or 409. */
  private DeploymentView activeRollout(String deploymentId, String done) {
    DeploymentView target = queries.deploymentById(deploymentId)
        .orElseThrow(() -> new StateNotFoundException("No deployment " + deploymentId + " is known"));
    if (target.status() != VersionStatus.ROLLING_OUT && target.status() != VersionStatus.PAUSED) {
      throw new ConflictException("Deployment " + deploymentId + " is " + target.status()
          + "; only a rollout that is rolling out or paused can be " + done);
    }
    return target;
  }

  private static CommandAccepted accepted(String commandId, String command, DeploymentView target) {
    return new CommandAccepted(commandId, command, target.deploymentId(), target.model(), target.version(),
        target.environment());
  }

  /** Alertmanager's webhook payload (the fields we read; the rest is ignored). */
  public record AlertmanagerWebhook(String status, List<Alert> alerts) {}

  public record Alert(String status, Map<String, String> labels, Map<String, String> annotations) {}

  public record AlertsHandled(List<CommandAccepted> accepted, List<AlertIgnored> ignored) {}

  public record AlertIgnored(String alertName, String model, String environment, String reason) {}

  @PostMapping("/alerts")
  @Operation(summary = "Alertmanager webhook: a firing alert labelled model and environment rolls back that "
      + "model's active rollout there (EXTERNAL_ALERT)")
  public AlertsHandled alerts(@RequestBody(required = false) AlertmanagerWebhook webhook,
      @AuthenticationPrincipal TollgateUser caller) {
    if (webhook == null || webhook.alerts() == null) {
      throw new InvalidRequestException("alerts", "is required (Alertmanager webhook format)");
    }
    List<CommandAccepted> accepted = new ArrayList<>();
    List<AlertIgnored> ignored = new ArrayList<>();
    for (Alert alert : webhook.alerts()) {
      Map<String, String> labels = alert == null || alert.labels() == null ? Map.of() : alert.labels();
      String name = labels.getOrDefault("alertname", "unnamed");
      String model = labels.get("model");
      String environment = labels.get("environment");
      String status = alert == null || alert.status() == null ? webhook.status() : alert.status();
      if (!"firing".equals(status)) {
        ignored.add(new AlertIgnored(name, model, environment, "status is " + status + ", not firing"));
      } else if (model == null || model.isBlank() || environment == null || environment.isBlank()) {
        ignored.add(new AlertIgnored(name, model, environment, "needs the labels model and environment"));
      } else {
        Optional<DeploymentView> active = queries.active(model, environment);
        if (active.isEmpty() || active.get().status() == VersionStatus.APPROVED) {
          ignored.add(new AlertIgnored(name, model, environment, "no rollout of " + model + " in " + environment
              + " is in progress"));
        } else if (active.get().status() == VersionStatus.ROLLING_BACK) {
          ignored.add(new AlertIgnored(name, model, environment, "deployment " + active.get().deploymentId()
              + " is already rolling back"));
        } else {
          DeploymentView target = active.get();
          Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
          String summary = annotations.getOrDefault("summary", annotations.get("description"));
          String commandId = publisher.alert(target, caller.name(), name, summary, labels);
          accepted.add(new CommandAccepted(commandId, "alert", target.deploymentId(), target.model(),
              target.version(), target.environment()));
        }
      }
    }
    return new AlertsHandled(accepted, ignored);
  }
}
