package dev.tollgate.approval.outbox;

/** One stored event waiting for (or done with) the relay. */
public record OutboxMessage(long id, String eventId, String eventType, String topic, String key, byte[] payload) {}
