package dev.tollgate.rollout.samples;

import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.rollout.analysis.SampleIdRing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regroups health samples into one batch per model and environment, keeping their order within
 * each; a lane with more than {@code maxSamplesPerBatch} pending samples gets several batches, so
 * one record stays well below the broker's size limit.
 */
public final class SampleBatcher {

  private record Lane(String model, String environment) {}

  private final int maxSamplesPerBatch;
  private final Map<Lane, List<BatchedSample>> pending = new LinkedHashMap<>();
  private int size;
  private String lastModel;
  private String lastEnvironment;
  private List<BatchedSample> lastLane;

  public SampleBatcher(int maxSamplesPerBatch) {
    if (maxSamplesPerBatch < 1) {
      throw new IllegalArgumentException("maxSamplesPerBatch must be at least 1, was " + maxSamplesPerBatch);
    }
    this.maxSamplesPerBatch = maxSamplesPerBatch;
  }

  public void add(HealthSample sample) {
    Envelope e = sample.getEnvelope();
    add(e.getModelName(), e.getEnvironment(), batched(sample));
  }

  /** A sample already in the form a batch carries, of {@code model} in {@code environment}. */
  public void add(String model, String environment, BatchedSample sample) {
    List<BatchedSample> lane;
    if (model == lastModel && environment == lastEnvironment) {
      // the fast reader hands over the same string instances for a lane: no hashing needed
      lane = lastLane;
    } else {
      lane = pending.computeIfAbsent(new Lane(model, environment), key -> new ArrayList<>());
      lastModel = model;
      lastEnvironment = environment;
      lastLane = lane;
    }
    lane.add(sample);
    size++;
  }

  /** Samples added since the last {@link #drain()} or {@link #clear()}. */
  public int size() {
    return size;
  }

  /** The pending samples as batches, lanes in the order first seen; nothing stays pending. */
  public List<HealthSampleBatch> drain() {
    List<HealthSampleBatch> batches = new ArrayList<>();
    pending.forEach((lane, samples) -> {
      for (int from = 0; from < samples.size(); from += maxSamplesPerBatch) {
        List<BatchedSample> part = samples.subList(from, Math.min(samples.size(), from + maxSamplesPerBatch));
        batches.add(new HealthSampleBatch(lane.model(), lane.environment(), new ArrayList<>(part)));
      }
    });
    clear();
    return batches;
  }

  public void clear() {
    pending.clear();
    size = 0;
    lastModel = null;
    lastEnvironment = null;
    lastLane = null;
  }

  private static BatchedSample batched(HealthSample s) {
    return new BatchedSample(SampleIdRing.fingerprint(s.getEnvelope().getEventId()), s.getEnvelope().getModelVersion(),
        s.getWindowEnd(), s.getRequestCount(), s.getErrorCount(), s.getLatencyP99Ms(), s.getCustomMetrics());
  }
}
