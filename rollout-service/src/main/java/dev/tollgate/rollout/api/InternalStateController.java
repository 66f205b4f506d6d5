package dev.tollgate.rollout.api;

import dev.tollgate.rollout.state.routing.RemoteStateQueries;
import dev.tollgate.rollout.state.routing.StateRouter;
import dev.tollgate.rollout.state.routing.StateWire;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Instance-to-instance: the state queries another rollout-service instance forwards here because
 * this instance owns the model's partition. Answers only from this instance's own stores and never
 * forwards (no loops); while the model's partition is not here, a 503 problem. Not part of the
 * public API (hidden from the OpenAPI document); the bodies are the state records in
 * {@link StateWire}'s JSON.
 */
@Hidden
@RestController
@RequestMapping(path = RemoteStateQueries.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
public class InternalStateController {

  private final StateRouter router;

  public InternalStateController(StateRouter router) {
    this.router = router;
  }

  @GetMapping("/models/{model}/versions/{version}/environments/{environment}")
  ResponseEntity<byte[]> deployment(@PathVariable String model, @PathVariable String version,
      @PathVariable String environment) {
    return found(router.owned(model).deployment(model, version, environment));
  }

  @GetMapping("/models/{model}/versions/{version}")
  ResponseEntity<byte[]> deployments(@PathVariable String model, @PathVariable String version) {
    return ok(router.owned(model).deployments(model, version));
  }

  @GetMapping("/models/{model}/live")
  ResponseEntity<byte[]> live(@PathVariable String model) {
    return ok(router.owned(model).live(model));
  }

  @GetMapping("/models/{model}/environments/{environment}/live")
  ResponseEntity<byte[]> liveAt(@PathVariable String model, @PathVariable String environment,
      @RequestParam Instant at) {
    return found(router.owned(model).liveAt(model, environment, at));
  }

  @GetMapping("/models/{model}/known")
  ResponseEntity<byte[]> known(@PathVariable String model) {
    return ok(router.owned(model).knowsModel(model));
  }

  @GetMapping("/models/{model}/environments/{environment}/active")
  ResponseEntity<byte[]> active(@PathVariable String model, @PathVariable String environment) {
    return found(router.owned(model).active(model, environment));
  }

  /** This instance's share of a deployment-id lookup that another instance fans out. */
  @GetMapping("/deployments/{deploymentId}")
  ResponseEntity<byte[]> deploymentById(@PathVariable String deploymentId) {
    return found(router.local().deploymentById(deploymentId));
  }

  private static ResponseEntity<byte[]> found(Optional<?> answer) {
    return answer.<ResponseEntity<byte[]>>map(InternalStateController::ok)
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  private static ResponseEntity<byte[]> ok(Object answer) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(StateWire.write(answer));
  }
}
