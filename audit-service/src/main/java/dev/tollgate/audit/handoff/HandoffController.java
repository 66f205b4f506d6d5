package dev.tollgate.audit.handoff;

import dev.tollgate.audit.api.NotFoundException;
import dev.tollgate.audit.decisions.DecisionRepository;
import dev.tollgate.audit.handoff.document.HandoffMarkdown;
import dev.tollgate.audit.handoff.document.HandoffRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The handoff record of a model version, as Markdown: what an operations team taking it over needs
 * (overview, artifact, profile, approvals, gates, rollouts, rollbacks, what is live, how to roll
 * back), generated from the audit trail at request time.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "handoff", description = "Handoff records for operations")
public class HandoffController {

  public static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

  private final HandoffRepository handoff;
  private final DecisionRepository decisions;
  private final HandoffProperties properties;
  private final Clock clock;

  public HandoffController(HandoffRepository handoff, DecisionRepository decisions, HandoffProperties properties,
      Clock clock) {
    this.handoff = handoff;
    this.decisions = decisions;
    this.properties = properties;
    this.clock = clock;
  }

  @GetMapping("/models/{model}/versions/{version}/handoff")
  @Operation(summary = "The version's handoff record as Markdown (roles auditor, operator, admin; 404 when the "
      + "trail has no request, approval or rollout event of it)",
      responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/markdown")))
  public ResponseEntity<String> handoff(
      @PathVariable("model") @NotBlank @Size(max = 200) String model,
      @PathVariable("version") @NotBlank @Size(max = 200) String version) {
    List<HandoffEvent> events = handoff.events(model, version);
    if (events.isEmpty()) {
      throw new NotFoundException("Model version not found",
          "No audit events are recorded for model " + model + " version " + version);
    }
    Instant now = clock.instant();
    List<HandoffRecord.Live> live = new ArrayList<>();
    for (String environment : handoff.environments(model)) {
      decisions.liveAt(model, environment, now).ifPresent(l -> live.add(new HandoffRecord.Live(environment,
          l.modelVersion(), l.since(), l.deploymentId(), l.decidedByEventType())));
    }
    HandoffRecord record = HandoffAssembler.assemble(model, version, events, live,
        (knownGood, environment) -> handoff.lastRequest(model, knownGood, environment), now);
    String markdown = HandoffMarkdown.render(record,
        new HandoffRecord.Endpoints(properties.approvalUrl(), properties.rolloutUrl()));
    return ResponseEntity.ok().contentType(MARKDOWN).body(markdown);
  }
}
