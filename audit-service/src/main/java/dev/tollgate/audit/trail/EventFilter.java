package dev.tollgate.audit.trail;

import java.time.Instant;

/** What a filtered timeline selects; null parts select everything. {@code to} is exclusive. */
public record EventFilter(String deploymentId, String model, String version, String environment, String eventType,
    String actor, Instant from, Instant to) {}
