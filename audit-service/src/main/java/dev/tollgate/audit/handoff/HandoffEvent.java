package dev.tollgate.audit.handoff;

import java.time.Instant;

/** One recorded lifecycle event of a version, with its decoded payload (JSON, {@code "type"} naming the record). */
public record HandoffEvent(String eventId, String eventType, Instant occurredAt, String actor, String deploymentId,
    String environment, String payload) {}
