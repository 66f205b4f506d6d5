package dev.tollgate.approval.deployment.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every event says about itself: its id (the consumers' idempotency key), when, who, which
 * deployment, and which event led to it.
 */
public record EventHeader(
    UUID eventId,
    Instant occurredAt,
    String actor,
    String deploymentId,
    String modelName,
    String modelVersion,
    String environment,
    String causationId) {

  public EventHeader {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(deploymentId, "deploymentId");
  }
}
