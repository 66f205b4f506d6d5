package dev.tollgate.rollout.ingest;

import java.util.concurrent.atomic.LongAdder;

/** What the health ingest has committed, and how often its clients failed; monotonic, thread-safe. */
public final class IngestCounts {

  private final LongAdder samples = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final LongAdder deadLetters = new LongAdder();
  private final LongAdder failures = new LongAdder();

  void committed(long sampleCount, long batchCount, long deadLetterCount) {
    samples.add(sampleCount);
    batches.add(batchCount);
    deadLetters.add(deadLetterCount);
  }

  void failed() {
    failures.increment();
  }

  public long samples() {
    return samples.sum();
  }

  public long batches() {
    return batches.sum();
  }

  public long deadLetters() {
    return deadLetters.sum();
  }

  public long failures() {
    return failures.sum();
  }
}
