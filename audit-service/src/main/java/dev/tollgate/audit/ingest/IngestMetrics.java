package dev.tollgate.audit.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of what the ingest recorded, per source topic (Prometheus: tollgate_audit_records_*_total). */
public class IngestMetrics {

  private final MeterRegistry registry;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void ingested(String topic, long count) {
    counter("tollgate.audit.records.ingested", "Lifecycle events appended to the audit trail", topic).increment(count);
  }

  void unreadable(String topic, long count) {
    counter("tollgate.audit.records.unreadable", "Records dead-lettered and recorded as unreadable", topic)
        .increment(count);
  }

  void duplicates(String topic, long count) {
    counter("tollgate.audit.records.duplicate", "Records whose event id was already in the trail", topic)
        .increment(count);
  }

  private Counter counter(String name, String description, String topic) {
    return Counter.builder(name).description(description).tag("topic", topic).register(registry);
  }
}
