package dev.tollgate.audit.ingest;

import dev.tollgate.audit.chain.ChainHead;

/**
 * Where a source partition stands in the database: the next offset to read and the head of its
 * chain. {@code stored} is false before the first batch of the partition was committed.
 */
record StoredPosition(long nextOffset, ChainHead head, boolean stored) {

  static StoredPosition none(String chainId) {
    return new StoredPosition(0, ChainHead.empty(chainId), false);
  }

  /** Whether a record at {@code offset} is already in the trail (a replay after a crash or rebalance). */
  boolean covers(long offset) {
    return stored && offset < nextOffset;
  }
}
