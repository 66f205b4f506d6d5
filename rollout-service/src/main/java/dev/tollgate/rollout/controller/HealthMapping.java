package dev.tollgate.rollout.controller;

import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.events.HealthStats;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.rollout.analysis.Sample;
import dev.tollgate.rollout.strategy.TrafficAcknowledgement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Batched health samples and traffic acknowledgements to the domain's records; the domain's stats back to Avro. */
final class HealthMapping {

  private HealthMapping() {}

  static List<Sample> samples(HealthSampleBatch batch) {
    List<Sample> samples = new ArrayList<>(batch.getSamples().size());
    for (BatchedSample s : batch.getSamples()) {
      samples.add(new Sample(s.getIdFingerprint(), batch.getModelName(), s.getModelVersion(), batch.getEnvironment(),
          s.getWindowEnd(), s.getRequestCount(), s.getErrorCount(), s.getLatencyP99Ms(), s.getCustomMetrics()));
    }
    return samples;
  }

  static TrafficAcknowledgement ack(TrafficAck a) {
    return new TrafficAcknowledgement(a.getEnvelope().getEventId(), a.getCommandId(), a.getApplied(), a.getMessage());
  }

  static HealthStats toAvro(dev.tollgate.rollout.analysis.HealthStats s) {
    return s == null ? null : HealthStats.newBuilder()
        .setModelVersion(s.version())
        .setSampleCount(s.sampleCount())
        .setRequestCount(s.requestCount())
        .setErrorCount(s.errorCount())
        .setErrorRate(s.errorRate())
        .setP99LatencyMs(s.p99LatencyMs())
        .setCustomMetrics(new HashMap<>(s.customMetrics()))
        .build();
  }
}
