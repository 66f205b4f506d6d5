package dev.tollgate.bench;

import java.util.Arrays;
import java.util.Locale;

/** Collects latencies and reports percentiles (nearest-rank), in milliseconds. */
public final class LatencyRecorder {

  private long[] nanos = new long[1024];
  private int count;

  public synchronized void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
  }

  public synchronized int count() {
    return count;
  }

  /** The p-th percentile (0 < p <= 100) in milliseconds. */
  public synchronized double percentileMillis(double p) {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1_000_000.0;
  }

  public synchronized String summary() {
    return String.format(Locale.ROOT, "n=%d  p50=%.1f ms  p90=%.1f ms  p99=%.1f ms  max=%.1f ms",
        count, percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(100));
  }
}
