package dev.tollgate.registry.store;

import java.util.function.Function;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry: reads answer from memory; a write is planned against the state, appended to the
 * log, and applied to memory only once the log acknowledged it. One writer at a time, so ids and
 * versions are assigned without races.
 */
public final class SchemaRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistry.class);

  private final SchemaLog log;
  private final ReentrantLock writer = new ReentrantLock();
  private volatile SchemaStore store;

  private SchemaRegistry(SchemaLog log, SchemaStore store) {
    this.log = log;
    this.store = store;
  }

  /** Rebuilds the state from the whole log. */
  public static SchemaRegistry load(SchemaLog log) {
    return new SchemaRegistry(log, replay(log));
  }

  public <T> T read(Function<SchemaStore, T> query) {
    return query.apply(store);
  }

  public <T> T write(Function<SchemaStore, Change<T>> command) {
    writer.lock();
    try {
      SchemaStore current = store;
      Change<T> change = command.apply(current);
      if (change.records().isEmpty()) {
        return change.result();
      }
      try {
        log.append(change.records());
      } catch (RuntimeException e) {
        resynchronize();
        throw e;
      }
      change.records().forEach(current::apply);
      return change.result();
    } finally {
      writer.unlock();
    }
  }

  /** A failed append may still have landed: settle it and rebuild the state from what the log holds. */
  private void resynchronize() {
    try {
      log.recover();
      store = replay(log);
    } catch (RuntimeException e) {
      LOG.error("Could not resynchronize with the schema log after a failed write; the state may be stale until restart", e);
    }
  }

  private static SchemaStore replay(SchemaLog log) {
    SchemaStore fresh = new SchemaStore();
    log.replay(fresh::apply);
    return fresh;
  }

  @Override
  public void close() {
    log.close();
  }
}
