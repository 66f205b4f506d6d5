package dev.tollgate.audit.trail;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One event of a timeline. {@code sequence} is the event's 1-based position in the timeline;
 * {@code payload} is the decoded event body (for union topics the chosen payload record, with a
 * {@code "type"} member naming it; otherwise the record's fields except the envelope).
 */
public record TimelineEvent(
    long sequence,
    String eventId,
    String eventType,
    Instant occurredAt,
    String actor,
    String topic,
    int partition,
    long offset,
    String deploymentId,
    String modelName,
    String modelVersion,
    String environment,
    String causationId,
    @Schema(description = "chain this event is a link of: <topic>-<partition>") String chainId,
    @Schema(description = "the event's link number in its chain") long chainSeq,
    @JsonRawValue @Schema(type = "object", description = "decoded event body as plain JSON") String payload) {}
