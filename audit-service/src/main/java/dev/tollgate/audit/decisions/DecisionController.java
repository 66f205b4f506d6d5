package dev.tollgate.audit.decisions;

import dev.tollgate.audit.api.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who approved what, and what was live when — answered from the audit trail alone. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "decisions", description = "Approvals and live versions, from the audit trail")
public class DecisionController {

  private final DecisionRepository decisions;
  private final Clock clock;

  public DecisionController(DecisionRepository decisions, Clock clock) {
    this.decisions = decisions;
    this.clock = clock;
  }

  @GetMapping("/approvals")
  @Operation(summary = "Every approval decision of a model (or one version): who, when, roles, policy version, reason")
  public Approvals approvals(
      @RequestParam(name = "model") @NotBlank @Size(max = 200) String model,
      @RequestParam(name = "version", required = false) @Size(min = 1, max = 200) String version) {
    if (!decisions.modelRecorded(model, version)) {
      throw new NotFoundException("Model not found", "No audit events are recorded for model " + model
          + (version == null ? "" : " version " + version));
    }
    return new Approvals(model, version, decisions.approvals(model, version));
  }

  @GetMapping("/live")
  @Operation(summary = "The version live in an environment at an instant (default now), from the last "
      + "RolloutPromoted or RollbackCompleted recorded at or before it")
  public LiveVersion live(
      @RequestParam(name = "model") @NotBlank @Size(max = 200) String model,
      @RequestParam(name = "environment") @NotBlank @Size(max = 100) String environment,
      @Parameter(description = "ISO-8601 instant; default now")
      @RequestParam(name = "at", required = false) Instant at) {
    if (!decisions.modelRecorded(model, null)) {
      throw new NotFoundException("Model not found", "No audit events are recorded for model " + model);
    }
    Instant when = at == null ? clock.instant() : at;
    return decisions.liveAt(model, environment, when)
        .orElse(new LiveVersion(model, environment, when, null, null, null, null, null));
  }

  /** {@code GET /api/v1/approvals}. */
  public record Approvals(String modelName, String modelVersion, List<ApprovalDecision> decisions) {}
}
