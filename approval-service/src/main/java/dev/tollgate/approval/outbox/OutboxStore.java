package dev.tollgate.approval.outbox;

import dev.tollgate.approval.events.OutboundEvent;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
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
    append(List.of(new Entry(event, deploymentId)), now);
  }

  /** An event to append, with the deployment it is about. */
  public record Entry(OutboundEvent event, String deploymentId) {}

  /**
   * Appends a command's events in one multi-row INSERT: one round trip, whatever their number, on
   * the path an approver waits on. Must run inside the transaction of the state change.
   */
  public void append(List<Entry> entries, Instant now) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("outbox appends must join the transaction of the state change");
    }
    if (entries.isEmpty()) {
      return;
    }
    Timestamp createdAt = Timestamp.from(now);
    List<Object> params = new ArrayList<>(entries.size() * 7);
    StringJoiner rows = new StringJoiner(", ");
    for (Entry entry : entries) {
      OutboundEvent event = entry.event();
      rows.add("(?, ?, ?, ?, ?, ?, ?)");
      params.addAll(Arrays.asList(event.eventId(), event.eventType(), event.topic().name(), event.key(),
          AvroBinary.encode(event.value()), entry.deploymentId(), createdAt));
    }
    jdbc.sql("INSERT INTO outbox (event_id, event_type, topic, record_key, payload, deployment_id, created_at) VALUES "
            + rows)
        .params(params)
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
    // lock and read in one round trip: the relay runs this on every decision's way to Kafka. The
    // CTE is evaluated once (a volatile function), so the lock is taken once, not per row.
    return jdbc.sql("""
            WITH relay AS (SELECT pg_try_advisory_xact_lock(:lock) AS locked)
            SELECT id, event_id, event_type, topic, record_key, payload FROM outbox, relay
            WHERE relay.locked AND sent_at IS NULL ORDER BY id LIMIT :limit""")
        .param("lock", RELAY_LOCK)
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
