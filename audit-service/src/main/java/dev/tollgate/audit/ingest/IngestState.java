package dev.tollgate.audit.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/** What the ingest loop is doing, for the health indicator. Written by the loop thread, read by anyone. */
public class IngestState {

  /**
   * Lifecycle of the loop. Only {@code RUNNING} means the trail is being kept: the consumer has
   * joined its group and its last poll or batch succeeded.
   */
  public enum Status { STOPPED, STARTING, RUNNING, RETRYING }

  /** One consistent snapshot. */
  public record Snapshot(Status status, Instant since, Instant lastBatchAt, long batches, String lastError) {}

  private final Clock clock;
  private final AtomicReference<Snapshot> current;
  private final List<LongConsumer> linkListeners = new CopyOnWriteArrayList<>();
  private volatile boolean joined;

  public IngestState(Clock clock) {
    this.clock = clock;
    this.current = new AtomicReference<>(new Snapshot(Status.STOPPED, clock.instant(), null, 0, null));
  }

  public Snapshot snapshot() {
    return current.get();
  }

  void starting() {
    joined = false;
    current.updateAndGet(s -> new Snapshot(Status.STARTING, clock.instant(), s.lastBatchAt(), s.batches(), null));
  }

  /** The consumer joined its group (partitions assigned, possibly none). */
  void joined() {
    joined = true;
  }

  void running() {
    if (!joined) {
      return;
    }
    current.updateAndGet(s -> s.status() == Status.RUNNING ? s
        : new Snapshot(Status.RUNNING, clock.instant(), s.lastBatchAt(), s.batches(), s.lastError()));
  }

  /**
   * Calls {@code listener} with the number of chain links of every committed batch (from the
   * ingest thread: keep it quick). The checkpoint schedule counts them towards its next round.
   */
  public void onLinksAppended(LongConsumer listener) {
    linkListeners.add(listener);
  }

  void batchCommitted(long links) {
    if (links > 0) {
      linkListeners.forEach(listener -> listener.accept(links));
    }
    if (!joined) {
      return;
    }
    current.updateAndGet(s -> new Snapshot(Status.RUNNING,
        s.status() == Status.RUNNING ? s.since() : clock.instant(), clock.instant(), s.batches() + 1, s.lastError()));
  }

  void retrying(Throwable error) {
    current.updateAndGet(s -> new Snapshot(Status.RETRYING,
        s.status() == Status.RETRYING ? s.since() : clock.instant(), s.lastBatchAt(), s.batches(),
        error.getClass().getSimpleName() + ": " + error.getMessage()));
  }

  void stopped() {
    current.updateAndGet(s -> new Snapshot(Status.STOPPED, clock.instant(), s.lastBatchAt(), s.batches(), s.lastError()));
  }

  Map<String, Object> details() {
    Snapshot s = snapshot();
    var details = new java.util.LinkedHashMap<String, Object>();
    details.put("status", s.status().name());
    details.put("since", s.since().toString());
    details.put("batches", s.batches());
    if (s.lastBatchAt() != null) {
      details.put("lastBatchAt", s.lastBatchAt().toString());
    }
    if (s.lastError() != null) {
      details.put("lastError", s.lastError());
    }
    return details;
  }
}
