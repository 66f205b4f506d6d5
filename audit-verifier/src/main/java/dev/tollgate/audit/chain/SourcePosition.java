package dev.tollgate.audit.chain;

import java.util.Objects;

/** Where a recorded Kafka record came from. */
public record SourcePosition(String topic, int partition, long offset) {

  public SourcePosition {
    Objects.requireNonNull(topic, "topic");
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException("partition and offset must be >= 0: " + partition + "@" + offset);
    }
  }

  /** The id of the chain this position belongs to: {@code topic-partition}. */
  public String chainId() {
    return ChainIds.of(topic, partition);
  }
}
