package dev.tollgate.audit.trail;

import dev.tollgate.audit.api.InvalidParameterException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor's filtered timeline: of a deployment, a model version, or a model across versions,
 * narrowed by environment, event type, actor and time, in timeline order, paged by cursor.
 */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "timeline", description = "Ordered audit timelines")
public class EventSearchController {

  private final EventSearchRepository events;

  public EventSearchController(EventSearchRepository events) {
    this.events = events;
  }

  @GetMapping
  @Operation(summary = "Recorded events matching every given filter, in timeline order; follow nextCursor for more")
  public EventPage search(
      @RequestParam(name = "deploymentId", required = false) @Size(min = 1, max = 200) String deploymentId,
      @RequestParam(name = "model", required = false) @Size(min = 1, max = 200) String model,
      @Parameter(description = "needs model")
      @RequestParam(name = "version", required = false) @Size(min = 1, max = 200) String version,
      @RequestParam(name = "environment", required = false) @Size(min = 1, max = 100) String environment,
      @Parameter(description = "payload record name, e.g. ApprovalGranted, RolloutPromoted")
      @RequestParam(name = "eventType", required = false) @Size(min = 1, max = 100) String eventType,
      @RequestParam(name = "actor", required = false) @Size(min = 1, max = 200) String actor,
      @Parameter(description = "ISO-8601 instant, inclusive")
      @RequestParam(name = "from", required = false) Instant from,
      @Parameter(description = "ISO-8601 instant, exclusive")
      @RequestParam(name = "to", required = false) Instant to,
      @Parameter(description = "events per page, 1..1000")
      @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(TimelineController.MAX_LIMIT) int limit,
      @Parameter(description = "nextCursor of the previous page")
      @RequestParam(name = "cursor", required = false) @Size(min = 1, max = 200) String cursor) {
    if (version != null && model == null) {
      throw new InvalidParameterException("version", "needs model");
    }
    if (eventType != null && !EventTypes.KNOWN.contains(eventType)) {
      throw new InvalidParameterException("eventType", "'" + eventType + "' is not an event type of the trail; "
          + "one of " + String.join(", ", new java.util.TreeSet<>(EventTypes.KNOWN)));
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidParameterException("to", "must be after from (" + from + ")");
    }
    EventFilter filter = new EventFilter(deploymentId, model, version, environment, eventType, actor, from, to);
    List<EventSearchRepository.Ranked> rows =
        events.search(filter, cursor == null ? null : EventCursor.decode(cursor), limit + 1);
    List<EventSearchRepository.Ranked> page = rows.size() > limit ? rows.subList(0, limit) : rows;
    String next = rows.size() > limit ? page.get(page.size() - 1).cursor().encode() : null;
    return new EventPage(page.stream().map(EventSearchRepository.Ranked::event).toList(), next);
  }
}
