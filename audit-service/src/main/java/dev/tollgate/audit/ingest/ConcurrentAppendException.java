package dev.tollgate.audit.ingest;

/**
 * The stored offset of a partition moved under us: another writer appended to the chain (a zombie
 * consumer after a rebalance) or the offset row was edited. The batch rolls back and the ingest
 * reloads its position from the database.
 */
public class ConcurrentAppendException extends RuntimeException {

  ConcurrentAppendException(String message) {
    super(message);
  }
}
