package dev.tollgate.rollout.api;

import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.state.routing.Answer;
import dev.tollgate.rollout.state.routing.StateRouter;
import dev.tollgate.rollout.streams.StateProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only views of the materialized deployment state. Any instance answers: the query runs on
 * the instance that owns the model's partition, and the {@value #ANSWERED_BY} header names it.
 */
@RestController
@RequestMapping("/api/v1/models/{model}")
@Tag(name = "deployment state", description = "State of model versions, materialized by Kafka Streams")
public class DeploymentStateController {

  /** Response header: {@code host:port} of the instance whose stores answered. */
  public static final String ANSWERED_BY = "Tollgate-Answered-By";

  private final StateRouter router;
  private final Clock clock;
  private final Duration liveHistoryRetention;

  public DeploymentStateController(StateRouter router, Clock clock, StateProperties state) {
    this.router = router;
    this.clock = clock;
    this.liveHistoryRetention = state.liveHistoryRetention();
  }

  @GetMapping("/versions/{version}/environments/{environment}")
  @Operation(summary = "State of one model version in one environment")
  public ResponseEntity<DeploymentStateResponse> deployment(@PathVariable String model, @PathVariable String version,
      @PathVariable String environment) {
    return answer(model, q -> q.deployment(model, version, environment)
        .map(DeploymentStateResponse::from)
        .orElseThrow(() -> new StateNotFoundException(
            "No deployment of " + model + " " + version + " to " + environment + " is known")));
  }

  @GetMapping("/versions/{version}")
  @Operation(summary = "State of one model version in every environment it was deployed to")
  public ResponseEntity<List<DeploymentStateResponse>> deployments(@PathVariable String model,
      @PathVariable String version) {
    return answer(model, q -> {
      List<DeploymentStateResponse> states =
          q.deployments(model, version).stream().map(DeploymentStateResponse::from).toList();
      if (states.isEmpty()) {
        throw new StateNotFoundException("No deployment of " + model + " " + version + " is known");
      }
      return states;
    });
  }

  @GetMapping("/live")
  @Operation(summary = "The version live in each environment (empty when nothing was promoted yet)")
  public ResponseEntity<List<LiveVersionResponse>> live(@PathVariable String model) {
    return answer(model, q -> {
      List<LiveDeployment> live = q.live(model);
      if (live.isEmpty() && !q.knowsModel(model)) {
        throw new StateNotFoundException("Model " + model + " is not known");
      }
      return live.stream().map(LiveVersionResponse::from).toList();
    });
  }

  @GetMapping("/environments/{environment}/live")
  @Operation(summary = "The version live in one environment now, or at a past instant (within the history kept)")
  public ResponseEntity<LiveAtResponse> liveAt(@PathVariable String model, @PathVariable String environment,
      @Parameter(description = "ISO-8601 instant, e.g. 2026-03-01T12:00:00Z; omitted: now")
      @RequestParam(name = "at", required = false) String at) {
    Instant now = clock.instant();
    Instant instant = at == null ? now : pastInstant(at, now);
    return answer(model, q -> q.liveAt(model, environment, instant)
        .map(period -> LiveAtResponse.from(period, instant))
        .orElseThrow(() -> new StateNotFoundException(at == null
            ? "Nothing is live for " + model + " in " + environment
            : "Nothing was live for " + model + " in " + environment + " at " + instant)));
  }

  /**
   * Runs {@code query} where the model's state is. A not-found is decided there too, so a model
   * unknown to its owner is a 404 on every instance.
   */
  private <T> ResponseEntity<T> answer(String model, Function<StateQueries, T> query) {
    Answer<T> answer = router.ask(model, query);
    return ResponseEntity.ok().header(ANSWERED_BY, answer.instance()).body(answer.value());
  }

  /** {@code at} as an instant no older than the history kept and not in the future. */
  private Instant pastInstant(String at, Instant now) {
    Instant instant;
    try {
      instant = Instant.parse(at.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("at", "must be an ISO-8601 instant such as 2026-03-01T12:00:00Z, not '"
          + at + "'");
    }
    if (instant.isAfter(now)) {
      throw new InvalidRequestException("at", "is in the future (" + instant + "); leave it out to ask what is live now");
    }
    Instant oldest = now.minus(liveHistoryRetention);
    if (instant.isBefore(oldest)) {
      throw new InvalidRequestException("at", "is older than the live-version history kept (" + describe(
          liveHistoryRetention) + ", back to " + oldest + ")");
    }
    return instant;
  }

  private static String describe(Duration retention) {
    return retention.toHours() % 24 == 0 ? retention.toDays() + " days" : retention.toHours() + " hours";
  }
}
