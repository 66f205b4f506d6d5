package dev.tollgate.audit.ingest;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP only while the ingest loop runs. Together with Boot's {@code db} indicator the service reports
 * UP only when it can keep the trail: the database answers and the consumer is polling.
 */
public class IngestHealthIndicator implements HealthIndicator {

  private final IngestState state;

  public IngestHealthIndicator(IngestState state) {
    this.state = state;
  }

  @Override
  public Health health() {
    Health.Builder builder = state.snapshot().status() == IngestState.Status.RUNNING ? Health.up() : Health.down();
    return builder.withDetails(state.details()).build();
  }
}
