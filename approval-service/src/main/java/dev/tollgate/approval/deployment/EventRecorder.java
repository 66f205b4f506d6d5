package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.DeploymentEvent;
import dev.tollgate.approval.events.AvroEvents;
import dev.tollgate.approval.outbox.OutboxStore;
import java.time.Instant;
import java.util.List;

/** Converts the aggregate's events to Avro and appends them to the outbox, in the caller's transaction. */
public class EventRecorder {

  private final OutboxStore outbox;

  public EventRecorder(OutboxStore outbox) {
    this.outbox = outbox;
  }

  public void record(List<DeploymentEvent> events, Instant now) {
    outbox.append(events.stream()
        .map(event -> new OutboxStore.Entry(AvroEvents.toAvro(event), event.header().deploymentId()))
        .toList(), now);
  }
}
