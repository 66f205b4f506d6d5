package dev.tollgate.audit.unreadable;

import dev.tollgate.audit.api.InvalidParameterException;
import dev.tollgate.schemas.topic.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists the records the ingest could not take as events (dead-lettered, or duplicate event ids). */
@RestController
@RequestMapping("/api/v1/unreadable")
@Tag(name = "unreadable", description = "Gaps in the trail: records that could not be read")
public class UnreadableController {

  private final UnreadableRepository records;

  public UnreadableController(UnreadableRepository records) {
    this.records = records;
  }

  @GetMapping
  @Operation(summary = "Unreadable records, newest first")
  public UnreadableRecords list(
      @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(1000) int limit,
      @RequestParam(name = "topic", required = false) @Size(min = 1, max = 249) String topic) {
    if (topic != null && Topics.all().stream().noneMatch(t -> t.name().equals(topic))) {
      throw new InvalidParameterException("topic", "'" + topic + "' is not a topic of the catalog");
    }
    List<UnreadableRecordView> page = records.newest(topic, limit + 1);
    return new UnreadableRecords(page.size() > limit ? page.subList(0, limit) : page, page.size() > limit);
  }
}
