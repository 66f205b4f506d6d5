package dev.tollgate.rollout.controller;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthStats;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.rollout.analysis.Sample;
import dev.tollgate.rollout.strategy.TrafficAcknowledgement;
import java.util.HashMap;

/** Health samples and traffic acknowledgements to the domain's records; the domain's stats back to Avro. */
final class HealthMapping {

  private HealthMapping() {}

  static Sample sample(HealthSample s) {
    Envelope e = s.getEnvelope();
    return new Sample(e.getEventId(), e.getModelName(), e.getModelVersion(), e.getEnvironment(), s.getWindowEnd(),
        s.getRequestCount(), s.getErrorCount(), s.getLatencyP99Ms(), s.getCustomMetrics());
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
