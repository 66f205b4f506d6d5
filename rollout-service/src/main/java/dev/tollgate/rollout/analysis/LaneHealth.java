package dev.tollgate.rollout.analysis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The current analysis window of the active rollout in one lane (model × environment): health per
 * tracked version (the candidate and, when there is one, the baseline) since {@code windowStart}.
 * The controller owns the window: it restarts it when a step starts and after every measurement.
 *
 * <p>Kept apart from the rollout lane so the hot sample path reads and writes a small value; the
 * store keeps it in a compact binary form ({@code stores.LaneHealthSerde}).
 *
 * @param deploymentId the rollout whose window this is
 * @param recentSampleIds fingerprints of the latest samples aggregated, bounded: a sample redelivered
 *     soon after (a producer retry, a replayed batch) is counted once
 * @param experimentMetric while an A/B experiment runs: the metric whose per-sample values are
 *     collected ({@link ExperimentMetric} spelling); null otherwise
 * @param reservoirs per tracked version, the collected values (empty unless an experiment runs)
 */
public record LaneHealth(
    String deploymentId, Instant windowStart, Map<String, HealthStats> versions, SampleIdRing recentSampleIds,
    String experimentMetric, Map<String, ValueReservoir> reservoirs) {

  /** Enough to catch retries and replayed batches; small enough to keep the per-sample write cheap. */
  public static final int RECENT_SAMPLE_CAPACITY = 128;

  public LaneHealth {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(windowStart, "windowStart");
    versions = versions == null ? Map.of() : Map.copyOf(versions);
    recentSampleIds = recentSampleIds == null ? SampleIdRing.empty() : recentSampleIds;
    reservoirs = reservoirs == null ? Map.of() : Map.copyOf(reservoirs);
  }

  /** A window that collects no experiment values. */
  public LaneHealth(String deploymentId, Instant windowStart, Map<String, HealthStats> versions,
      SampleIdRing recentSampleIds) {
    this(deploymentId, windowStart, versions, recentSampleIds, null, Map.of());
  }

  /**
   * The window collecting the per-sample values of {@code metric} (null: none) for an experiment;
   * unchanged when it already does, else with empty reservoirs.
   */
  public LaneHealth collecting(String metric) {
    if (Objects.equals(metric, experimentMetric)) {
      return this;
    }
    return new LaneHealth(deploymentId, windowStart, versions, recentSampleIds, metric, emptyReservoirs(metric));
  }

  /** The version's collected experiment values; empty when none. */
  public ValueReservoir reservoirOf(String version) {
    return reservoirs.getOrDefault(version, ValueReservoir.empty());
  }

  private Map<String, ValueReservoir> emptyReservoirs(String metric) {
    Map<String, ValueReservoir> empty = new LinkedHashMap<>();
    if (metric != null) {
      versions.keySet().forEach(v -> empty.put(v, ValueReservoir.empty()));
    }
    return empty;
  }

  /** An empty window tracking {@code candidate} and {@code baseline} (null: none). */
  public static LaneHealth open(String deploymentId, Instant windowStart, String candidate, String baseline) {
    Map<String, HealthStats> versions = new LinkedHashMap<>();
    versions.put(candidate, HealthStats.empty(candidate));
    if (baseline != null && !baseline.equals(candidate)) {
      versions.put(baseline, HealthStats.empty(baseline));
    }
    return new LaneHealth(deploymentId, windowStart, versions, SampleIdRing.empty());
  }

  /** A fresh window from {@code start}, same versions; remembered sample ids carry over. */
  public LaneHealth restartedAt(Instant start) {
    Map<String, HealthStats> empty = new LinkedHashMap<>();
    versions.keySet().forEach(v -> empty.put(v, HealthStats.empty(v)));
    return new LaneHealth(deploymentId, start, empty, recentSampleIds, experimentMetric,
        emptyReservoirs(experimentMetric));
  }

  /** The version's window; empty stats when it has no samples (or is not tracked). */
  public HealthStats of(String version) {
    return versions.getOrDefault(version, HealthStats.empty(version));
  }

  /** What happens to {@code sample}: the window after it (unchanged unless aggregated) and its fate. */
  public Admission admit(Sample sample) {
    Admissions admissions = admitAll(List.of(sample));
    return new Admission(admissions.health(), admissions.fates().keySet().iterator().next());
  }

  /**
   * What happens to {@code samples}, taken in order as if admitted one by one: the window after them
   * (unchanged unless one was aggregated) and how many met each fate. A sample repeated within the
   * run is a duplicate like one repeated across runs.
   */
  public Admissions admitAll(List<Sample> samples) {
    WindowUpdate update = new WindowUpdate(this);
    for (Sample sample : samples) {
      update.admit(sample);
    }
    return update.result();
  }

  public record Admission(LaneHealth health, SampleFate fate) {}

  /** @param fates samples per fate; fates no sample met are absent */
  public record Admissions(LaneHealth health, Map<SampleFate, Long> fates) {

    public long count(SampleFate fate) {
      return fates.getOrDefault(fate, 0L);
    }
  }
}
