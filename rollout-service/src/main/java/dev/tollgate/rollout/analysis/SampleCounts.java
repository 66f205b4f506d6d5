package dev.tollgate.rollout.analysis;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts health samples by {@link SampleFate}. Thread-safe and monotonic, so a metrics layer can
 * expose each count as a function counter (Spring does: {@code tollgate.rollout.health.samples}).
 */
public final class SampleCounts {

  private final Map<SampleFate, LongAdder> counts = new EnumMap<>(SampleFate.class);

  public SampleCounts() {
    for (SampleFate fate : SampleFate.values()) {
      counts.put(fate, new LongAdder());
    }
  }

  public void record(SampleFate fate) {
    counts.get(fate).increment();
  }

  public void record(SampleFate fate, long samples) {
    counts.get(fate).add(samples);
  }

  public long count(SampleFate fate) {
    return counts.get(fate).sum();
  }

  /** Samples dropped for any reason. */
  public long dropped() {
    return counts.entrySet().stream().filter(e -> e.getKey() != SampleFate.AGGREGATED)
        .mapToLong(e -> e.getValue().sum()).sum();
  }
}
