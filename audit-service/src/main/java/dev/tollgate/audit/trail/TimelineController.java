package dev.tollgate.audit.trail;

import dev.tollgate.audit.api.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Timelines for auditors: what happened to a deployment, or to a model version, in order. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "timeline", description = "Ordered audit timelines")
public class TimelineController {

  static final int MAX_LIMIT = 1000;

  private final TimelineRepository timelines;

  public TimelineController(TimelineRepository timelines) {
    this.timelines = timelines;
  }

  @GetMapping("/deployments/{deploymentId}/timeline")
  @Operation(summary = "Every recorded event of a deployment, in order (404 when none is recorded)")
  public DeploymentTimeline deployment(
      @PathVariable("deploymentId") @NotBlank @Size(max = 200) String deploymentId,
      @Parameter(description = "events per page, 1..1000")
      @RequestParam(name = "limit", defaultValue = "500") @Min(1) @Max(MAX_LIMIT) int limit,
      @Parameter(description = "return events after this timeline sequence (0: from the start)")
      @RequestParam(name = "after", defaultValue = "0") @Min(0) long after) {
    List<TimelineEvent> events = timelines.ofDeployment(deploymentId, after, limit + 1);
    if (events.isEmpty() && (after == 0 || !timelines.deploymentRecorded(deploymentId))) {
      throw new NotFoundException("Deployment not found",
          "No audit events are recorded for deployment " + deploymentId);
    }
    return new DeploymentTimeline(deploymentId, page(events, limit), events.size() > limit);
  }

  @GetMapping("/models/{model}/versions/{version}/timeline")
  @Operation(summary = "Every recorded event of a model version across its deployments, in order (404 when none)")
  public VersionTimeline version(
      @PathVariable("model") @NotBlank @Size(max = 200) String model,
      @PathVariable("version") @NotBlank @Size(max = 200) String version,
      @Parameter(description = "events per page, 1..1000")
      @RequestParam(name = "limit", defaultValue = "500") @Min(1) @Max(MAX_LIMIT) int limit,
      @Parameter(description = "return events after this timeline sequence (0: from the start)")
      @RequestParam(name = "after", defaultValue = "0") @Min(0) long after) {
    List<TimelineEvent> events = timelines.ofVersion(model, version, after, limit + 1);
    if (events.isEmpty() && (after == 0 || !timelines.versionRecorded(model, version))) {
      throw new NotFoundException("Model version not found",
          "No audit events are recorded for model " + model + " version " + version);
    }
    return new VersionTimeline(model, version, page(events, limit), events.size() > limit);
  }

  private static List<TimelineEvent> page(List<TimelineEvent> events, int limit) {
    return events.size() > limit ? events.subList(0, limit) : events;
  }
}
