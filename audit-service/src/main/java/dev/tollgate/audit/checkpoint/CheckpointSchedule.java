package dev.tollgate.audit.checkpoint;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs checkpoint rounds on a thread of its own: when {@code every-events} links were appended
 * since the last round (but not within {@code min-interval} of its start), or {@code every} after it,
 * whichever comes first; each round signs the
 * moved chains and then publishes whatever is unpublished. A failed round (database or broker
 * down) is retried at the next trigger; nothing is lost, since unpublished checkpoints stay in the
 * outbox and unsigned heads are signed by the next round.
 */
public class CheckpointSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

  private final Checkpointer checkpointer;
  private final CheckpointPublisher publisher;
  private final CheckpointProperties properties;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition due = lock.newCondition();
  private long linksSinceRound;
  private long lastRoundStart = System.nanoTime();
  private volatile boolean running;
  private Thread thread;

  public CheckpointSchedule(Checkpointer checkpointer, CheckpointPublisher publisher, CheckpointProperties properties) {
    this.checkpointer = checkpointer;
    this.publisher = publisher;
    this.properties = properties;
  }

  /** Counts appended links; wakes the round early once {@code every-events} are reached. */
  public void linksAppended(long links) {
    lock.lock();
    try {
      linksSinceRound += links;
      if (linksSinceRound >= properties.everyEvents()) {
        due.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "audit-checkpoints");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    lock.lock();
    try {
      due.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // a last round, so a clean shutdown leaves every head signed
    round();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the ingest loop (which stops in the default phase), so the last round sees its last batch. */
  @Override
  public int getPhase() {
    return DEFAULT_PHASE - 1;
  }

  private void run() {
    while (running) {
      if (!awaitDue()) {
        return;
      }
      round();
    }
  }

  /**
   * Waits until a round is due: {@code every} after the last one, or once {@code every-events} links were
   * appended but not sooner than {@code min-interval} after the last one started; false when stopping.
   */
  private boolean awaitDue() {
    lock.lock();
    try {
      while (running) {
        long elapsed = System.nanoTime() - lastRoundStart;
        long untilEvery = properties.every().toNanos() - elapsed;
        long untilMin = properties.minInterval().toNanos() - elapsed;
        if (untilEvery <= 0 || (linksSinceRound >= properties.everyEvents() && untilMin <= 0)) {
          break;
        }
        due.awaitNanos(linksSinceRound >= properties.everyEvents() ? untilMin : untilEvery);
      }
      linksSinceRound = 0;
      lastRoundStart = System.nanoTime();
      return running;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void round() {
    try {
      checkpointer.checkpointMovedChains();
      publisher.publishPending();
    } catch (RuntimeException e) {
      log.warn("Checkpoint round failed; the next round retries: {}", e.toString());
    }
  }

  /** For tests and operators: run one round now, on the caller's thread. */
  void roundNow() {
    round();
  }
}
