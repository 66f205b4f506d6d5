package dev.tollgate.registry.store;

import java.util.List;

/**
 * What a command decided: the records to append to the log (none when nothing changes) and the
 * answer to give once they are durable.
 */
public record Change<T>(List<StoreRecord> records, T result) {

  public Change {
    records = List.copyOf(records);
  }

  public static <T> Change<T> none(T result) {
    return new Change<>(List.of(), result);
  }

  public static <T> Change<T> of(StoreRecord record, T result) {
    return new Change<>(List.of(record), result);
  }
}
