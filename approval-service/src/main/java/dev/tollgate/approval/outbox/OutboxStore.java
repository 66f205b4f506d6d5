package dev.tollgate.approval.outbox;

import dev.tollgate.approval.events.OutboundEvent;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The outbox table. Appends join the caller's transaction; after it commits the relay is woken. */
public class OutboxStore {

  /** Any fixed number: the advisory lock that lets one relay at a time publish, preserving order. */
  static final long RELAY_LOCK = 0x746f6c6c67617465L;

  private final JdbcClient jdbc;
  private final AtomicReference<Runnable> onCommitted = new AtomicReference<>(() -> { });

  public OutboxStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Called after every transaction that appended events commits. */
  public void onCommitted(Runnable listener) {
    onCommitted.set(listener);
  }

  /** Must run inside the transaction of the state change that caused the event. */
  public void append(OutboundEvent event, String deploymentId, Instant now) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("outbox appends must join the transaction of the state change");
    }
    jdbc.sql("""
            INSERT INTO outbox (event_id, event_type, topic, record_key, payload, deployment_id, created_at)
            VALUES (:eventId, :eventType, :topic, :key, :payload, :deploymentId, :now)""")
        .param("eventId", event.eventId())
        .param("eventType", event.eventType())
        .param("topic", event.topic().name())
        .param("key", event.key())
        .param("payload", AvroBinary.encode(event.value()))
        .param("deploymentId", deploymentId)
        .param("now", Timestamp.from(now))
        .update();
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        onCommitted.get().run();
      }
    });
  }

  /**
   * In the caller's transaction: takes the relay lock (or returns nothing when another relay holds
   * it) and reads the oldest unsent messages in order.
   */
  public List<OutboxMessage> lockPending(int limit) {
    Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)").param("lock", RELAY_LOCK)
        .query(Boolean.class).single();
    if (!Boolean.TRUE.equals(locked)) {
      return List.of();
    }
    return jdbc.sql("""
            SELECT id, event_id, event_type, topic, record_key, payload FROM outbox
            WHERE sent_at IS NULL ORDER BY id LIMIT :limit""")
        .param("limit", limit)
        .query((rs, n) -> new OutboxMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getBytes(6)))
        .list();
  }

  public void markSent(List<OutboxMessage> messages, Instant now) {
    if (messages.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE outbox SET sent_at = :now WHERE id IN (:ids)")
        .param("now", Timestamp.from(now))
        .param("ids", messages.stream().map(OutboxMessage::id).toList())
        .update();
  }

  public long pendingCount() {
    return jdbc.sql("SELECT count(*) FROM outbox WHERE sent_at IS NULL").query(Long.class).single();
  }

  /** How long the oldest unsent event has waited, if any waits. */
  public Optional<Duration> oldestPendingAge(Instant now) {
    return jdbc.sql("SELECT min(created_at) FROM outbox WHERE sent_at IS NULL")
        .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1))).single()
        .map(t -> Duration.between(t.toInstant(), now));
  }

  /** Sent events older than the retention are deleted; the trail lives in Kafka and audit-service. */
  public int deleteSentBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < :cutoff")
        .param("cutoff", Timestamp.from(cutoff)).update();
  }
}
