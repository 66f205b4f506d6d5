package dev.tollgate.audit.decisions;

import java.time.Instant;

/**
 * What the trail says was live for a model in an environment at {@code at}: the version the last
 * RolloutPromoted or RollbackCompleted at or before {@code at} left serving ({@code modelVersion}
 * null when none was, e.g. a rollback with nothing to restore or no promotion yet), since when,
 * and the event that decided it.
 */
public record LiveVersion(String modelName, String environment, Instant at, String modelVersion, Instant since,
    String deploymentId, String decidedByEventType, String decidedByEventId) {}
