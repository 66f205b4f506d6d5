package dev.tollgate.rollout.analysis;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A window being updated by a run of samples, mutable while it lasts: the samples of a batch are
 * added in place and the immutable {@link LaneHealth} is built once at the end, instead of copying
 * the window's maps and its id ring once per sample. Adds a sample exactly as {@link
 * HealthStats#plus} and {@link ValueReservoir#with} would, one after another.
 */
final class WindowUpdate {

  private final LaneHealth start;
  private final Map<String, Totals> versions = new LinkedHashMap<>();
  private final long[] ring = new long[LaneHealth.RECENT_SAMPLE_CAPACITY];
  private final ExperimentMetric metric;
  private Map<String, ValueReservoir> reservoirs;
  private final Map<SampleFate, Long> fates = new EnumMap<>(SampleFate.class);
  private int ringSize;
  private int ringNext;
  private String lastVersion;
  private Totals lastTotals;

  WindowUpdate(LaneHealth start) {
    this.start = start;
    start.versions().forEach((version, stats) -> versions.put(version, new Totals(stats)));
    for (long id : start.recentSampleIds().fingerprints()) {
      remember(id);
    }
    this.metric = start.experimentMetric() == null ? null : ExperimentMetric.parse(start.experimentMetric());
    this.reservoirs = start.reservoirs();
  }

  void admit(Sample sample) {
    Totals totals = totalsOf(sample.version());
    if (totals == null) {
      count(SampleFate.VERSION_NOT_IN_ROLLOUT);
      return;
    }
    long id = sample.idFingerprint();
    if (remembers(id)) {
      count(SampleFate.DUPLICATE);
      return;
    }
    totals.add(sample);
    remember(id);
    if (metric != null) {
      OptionalDouble value = metric.valueOf(sample);
      if (value.isPresent()) {
        if (reservoirs == start.reservoirs()) {
          reservoirs = new LinkedHashMap<>(reservoirs);
        }
        reservoirs.put(sample.version(),
            reservoirs.getOrDefault(sample.version(), ValueReservoir.empty()).with(value.getAsDouble(), id));
      }
    }
    count(SampleFate.AGGREGATED);
  }

  LaneHealth.Admissions result() {
    if (!fates.containsKey(SampleFate.AGGREGATED)) {
      return new LaneHealth.Admissions(start, fates);
    }
    Map<String, HealthStats> stats = new LinkedHashMap<>();
    versions.forEach((version, totals) -> stats.put(version, totals.stats(version)));
    long[] ids = new long[ringSize];
    int oldest = ringSize < ring.length ? 0 : ringNext;
    for (int i = 0; i < ringSize; i++) {
      ids[i] = ring[(oldest + i) % ring.length];
    }
    return new LaneHealth.Admissions(new LaneHealth(start.deploymentId(), start.windowStart(), stats,
        SampleIdRing.of(ids), start.experimentMetric(), reservoirs), fates);
  }

  /** A window tracks one or two versions, so comparing with the last one found beats hashing the name. */
  private Totals totalsOf(String version) {
    if (lastTotals != null && lastVersion.equals(version)) {
      return lastTotals;
    }
    Totals totals = versions.get(version);
    if (totals != null) {
      lastVersion = version;
      lastTotals = totals;
    }
    return totals;
  }

  private boolean remembers(long id) {
    for (int i = 0; i < ringSize; i++) {
      if (ring[i] == id) {
        return true;
      }
    }
    return false;
  }

  private void remember(long id) {
    ring[ringNext] = id;
    ringNext = (ringNext + 1) % ring.length;
    ringSize = Math.min(ringSize + 1, ring.length);
  }

  private void count(SampleFate fate) {
    fates.merge(fate, 1L, Long::sum);
  }

  /** One version's sums so far; the custom metrics map is copied on the first sample that has any. */
  private static final class Totals {
    private final HealthStats start;
    private long samples;
    private long requests;
    private long errors;
    private double p99;
    private Map<String, Double> metrics;

    Totals(HealthStats start) {
      this.start = start;
      this.samples = start.sampleCount();
      this.requests = start.requestCount();
      this.errors = start.errorCount();
      this.p99 = start.p99LatencyMs();
      this.metrics = start.customMetrics();
    }

    /** {@link HealthStats#plus}, in place. */
    void add(Sample sample) {
      samples++;
      requests += HealthStats.counted(sample.requestCount());
      errors += HealthStats.counted(sample.errorCount());
      p99 = Math.max(p99, sample.p99LatencyMs());
      if (!sample.customMetrics().isEmpty()) {
        if (metrics == start.customMetrics()) {
          metrics = new HashMap<>(metrics);
        }
        HealthStats.addCustomMetrics(metrics, sample);
      }
    }

    HealthStats stats(String version) {
      return samples == start.sampleCount() ? start
          : new HealthStats(version, samples, requests, errors, p99, metrics);
    }
  }
}
