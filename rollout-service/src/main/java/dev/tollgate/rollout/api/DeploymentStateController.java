package dev.tollgate.rollout.api;

import dev.tollgate.rollout.state.StateQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only views of the materialized deployment state. */
@RestController
@RequestMapping("/api/v1/models/{model}")
@Tag(name = "deployment state", description = "State of model versions, materialized by Kafka Streams")
public class DeploymentStateController {

  private final StateQueries queries;

  public DeploymentStateController(StateQueries queries) {
    this.queries = queries;
  }

  @GetMapping("/versions/{version}/environments/{environment}")
  @Operation(summary = "State of one model version in one environment")
  public DeploymentStateResponse deployment(@PathVariable String model, @PathVariable String version,
      @PathVariable String environment) {
    return queries.deployment(model, version, environment)
        .map(DeploymentStateResponse::from)
        .orElseThrow(() -> new StateNotFoundException(
            "No deployment of " + model + " " + version + " to " + environment + " is known"));
  }

  @GetMapping("/versions/{version}")
  @Operation(summary = "State of one model version in every environment it was deployed to")
  public List<DeploymentStateResponse> deployments(@PathVariable String model, @PathVariable String version) {
    List<DeploymentStateResponse> states =
        queries.deployments(model, version).stream().map(DeploymentStateResponse::from).toList();
    if (states.isEmpty()) {
      throw new StateNotFoundException("No deployment of " + model + " " + version + " is known");
    }
    return states;
  }

  @GetMapping("/live")
  @Operation(summary = "The version live in each environment (empty when nothing was promoted yet)")
  public List<LiveVersionResponse> live(@PathVariable String model) {
    List<LiveVersionResponse> live = queries.live(model).stream().map(LiveVersionResponse::from).toList();
    if (live.isEmpty() && !queries.knowsModel(model)) {
      throw new StateNotFoundException("Model " + model + " is not known");
    }
    return live;
  }
}
