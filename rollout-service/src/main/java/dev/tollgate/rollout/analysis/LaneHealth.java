package dev.tollgate.rollout.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The current analysis window of the active rollout in one lane (model × environment): health per
 * tracked version (the candidate and, when there is one, the baseline) since {@code windowStart}.
 * The controller owns the window: it restarts it when a step starts and after every measurement.
 *
 * <p>Kept apart from the rollout lane so the hot sample path reads and writes a small value.
 *
 * @param deploymentId the rollout whose window this is
 * @param recentSampleIds ids of the latest samples aggregated, newest last, bounded: a sample redelivered
 *     soon after (a producer retry, a replayed batch) is counted once
 */
public record LaneHealth(
    String deploymentId, Instant windowStart, Map<String, HealthStats> versions, List<String> recentSampleIds) {

  /** Enough to catch retries and replayed batches; small enough to keep the per-sample write cheap. */
  public static final int RECENT_SAMPLE_CAPACITY = 128;

  public LaneHealth {
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(windowStart, "windowStart");
    versions = versions == null ? Map.of() : Map.copyOf(versions);
    recentSampleIds = recentSampleIds == null ? List.of() : List.copyOf(recentSampleIds);
  }

  /** An empty window tracking {@code candidate} and {@code baseline} (null: none). */
  public static LaneHealth open(String deploymentId, Instant windowStart, String candidate, String baseline) {
    Map<String, HealthStats> versions = new LinkedHashMap<>();
    versions.put(candidate, HealthStats.empty(candidate));
    if (baseline != null && !baseline.equals(candidate)) {
      versions.put(baseline, HealthStats.empty(baseline));
    }
    return new LaneHealth(deploymentId, windowStart, versions, List.of());
  }

  /** A fresh window from {@code start}, same versions; remembered sample ids carry over. */
  public LaneHealth restartedAt(Instant start) {
    Map<String, HealthStats> empty = new LinkedHashMap<>();
    versions.keySet().forEach(v -> empty.put(v, HealthStats.empty(v)));
    return new LaneHealth(deploymentId, start, empty, recentSampleIds);
  }

  /** The version's window; empty stats when it has no samples (or is not tracked). */
  public HealthStats of(String version) {
    return versions.getOrDefault(version, HealthStats.empty(version));
  }

  /** What happens to {@code sample}: the window after it (unchanged unless aggregated) and its fate. */
  public Admission admit(Sample sample) {
    if (!versions.containsKey(sample.version())) {
      return new Admission(this, SampleFate.VERSION_NOT_IN_ROLLOUT);
    }
    if (recentSampleIds.contains(sample.eventId())) {
      return new Admission(this, SampleFate.DUPLICATE);
    }
    Map<String, HealthStats> next = new LinkedHashMap<>(versions);
    next.put(sample.version(), versions.get(sample.version()).plus(sample));
    List<String> ids = new ArrayList<>(recentSampleIds);
    ids.add(sample.eventId());
    while (ids.size() > RECENT_SAMPLE_CAPACITY) {
      ids.remove(0);
    }
    return new Admission(new LaneHealth(deploymentId, windowStart, next, ids), SampleFate.AGGREGATED);
  }

  public record Admission(LaneHealth health, SampleFate fate) {}
}
