package dev.tollgate.registry.store;

import java.util.List;
import java.util.function.Consumer;

/** The durable, ordered log the registry's state is rebuilt from (a compacted Kafka topic in production). */
public interface SchemaLog extends AutoCloseable {

  /** Hands every record from the beginning of the log to its current end to {@code sink}, in order. */
  void replay(Consumer<StoreRecord> sink);

  /**
   * Appends the records atomically and returns once they are durable; throws a {@link RegistryException}
   * ({@link RegistryError#STORE_ERROR} or {@link RegistryError#OPERATION_TIMEOUT}) when they may not be.
   */
  void append(List<StoreRecord> records);

  /** After a failed append: settles any write whose outcome is unknown, so a replay tells the truth. */
  void recover();

  @Override
  void close();
}
