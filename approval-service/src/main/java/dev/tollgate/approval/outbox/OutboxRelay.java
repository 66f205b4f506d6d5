package dev.tollgate.approval.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves outbox rows to Kafka. One thread, so batches never overtake each other; a PostgreSQL
 * advisory lock keeps a second instance from interleaving. Runs on a fixed delay and right after
 * every commit that appended events.
 */
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final OutboxStore store;
  private final OutboxPublisher publisher;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final int batchSize;
  private final Duration pollInterval;
  private final Duration retention;
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private volatile ScheduledExecutorService executor;
  private volatile long consecutiveFailures;

  public OutboxRelay(OutboxStore store, OutboxPublisher publisher, TransactionTemplate transactions, Clock clock,
      int batchSize, Duration pollInterval, Duration retention) {
    this.store = store;
    this.publisher = publisher;
    this.transactions = transactions;
    this.clock = clock;
    this.batchSize = batchSize;
    this.pollInterval = pollInterval;
    this.retention = retention;
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "outbox-relay");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::drainSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(this::purgeSafely, 1, 60, TimeUnit.MINUTES);
    store.onCommitted(this::wakeUp);
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    store.onCommitted(() -> { });
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  /** Starts after the database and before the web server takes traffic; stops after it. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 2000;
  }

  /** Asks for a drain soon, collapsing bursts of requests into one. */
  public void wakeUp() {
    ScheduledExecutorService current = executor;
    if (current != null && drainQueued.compareAndSet(false, true)) {
      try {
        current.execute(this::drainSafely);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        drainQueued.set(false); // shutting down; the next start polls anyway
      }
    }
  }

  /** Publishes until nothing is pending; returns how many events were published. */
  public int drain() {
    drainQueued.set(false);
    int total = 0;
    while (true) {
      Integer published = transactions.execute(status -> {
        List<OutboxMessage> batch = store.lockPending(batchSize);
        if (batch.isEmpty()) {
          return 0;
        }
        publisher.publish(batch);
        store.markSent(batch, clock.instant());
        return batch.size();
      });
      int count = published == null ? 0 : published;
      total += count;
      if (count < batchSize) {
        return total;
      }
    }
  }

  private void drainSafely() {
    try {
      int published = drain();
      if (consecutiveFailures > 0) {
        log.info("Outbox relay recovered after {} failed attempts", consecutiveFailures);
      }
      consecutiveFailures = 0;
      if (published > 0) {
        log.debug("Outbox relay published {} events", published);
      }
    } catch (RuntimeException e) {
      consecutiveFailures++;
      // Nothing was marked sent: the same batch goes out on the next attempt, in order.
      if (consecutiveFailures == 1 || consecutiveFailures % 20 == 0) {
        log.warn("Outbox relay could not publish (attempt {}), retrying every {} ms: {}", consecutiveFailures,
            pollInterval.toMillis(), e.toString());
      }
    }
  }

  private void purgeSafely() {
    try {
      int deleted = transactions.execute(s -> store.deleteSentBefore(clock.instant().minus(retention)));
      if (deleted > 0) {
        log.info("Outbox relay purged {} sent events older than {}", deleted, retention);
      }
    } catch (RuntimeException e) {
      log.warn("Outbox purge failed: {}", e.toString());
    }
  }

  public long consecutiveFailures() {
    return consecutiveFailures;
  }
}
