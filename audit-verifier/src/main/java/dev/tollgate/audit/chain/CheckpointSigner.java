package dev.tollgate.audit.chain;

import java.time.Clock;
import java.util.Objects;

/** Signs chain heads with the trail's key, stamped with the injected clock's time. */
public final class CheckpointSigner {

  private final SigningKey key;
  private final Clock clock;

  public CheckpointSigner(SigningKey key, Clock clock) {
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A checkpoint of {@code head}; {@code eventCount} readable events are among its links. */
  public SignedCheckpoint sign(ChainHead head, long eventCount) {
    if (head.isEmpty()) {
      throw new IllegalArgumentException("an empty chain has nothing to checkpoint: " + head.chainId());
    }
    if (eventCount < 0 || eventCount > head.seq()) {
      throw new IllegalArgumentException("eventCount must be within 0.." + head.seq() + ": " + eventCount);
    }
    CheckpointStatement statement = new CheckpointStatement(head.chainId(), head.seq(), head.hash(), eventCount,
        clock.instant(), key.keyId());
    return new SignedCheckpoint(statement, key.sign(statement.canonicalBytes()));
  }

  public String keyId() {
    return key.keyId();
  }
}
