package dev.tollgate.audit.unreadable;

import java.time.Instant;

/**
 * A record the trail holds as unreadable. {@code deadLettered} is false for readable records kept
 * out of the events (reason {@code duplicate-event-id}).
 */
public record UnreadableRecordView(
    String topic, int partition, long offset, String reason, String message, boolean deadLettered,
    Instant receivedAt, String chainId, long chainSeq, Integer valueBytes) {}
