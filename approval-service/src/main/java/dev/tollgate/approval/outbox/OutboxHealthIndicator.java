package dev.tollgate.approval.outbox;

import java.time.Clock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the relay's backlog. Stays UP while Kafka is away: requests are still accepted and
 * safely stored, they wait in the outbox; the details show how long.
 */
public class OutboxHealthIndicator implements HealthIndicator {

  private final OutboxStore store;
  private final OutboxRelay relay;
  private final Clock clock;

  public OutboxHealthIndicator(OutboxStore store, OutboxRelay relay, Clock clock) {
    this.store = store;
    this.relay = relay;
    this.clock = clock;
  }

  @Override
  public Health health() {
    var builder = relay.isRunning() ? Health.up() : Health.down();
    builder.withDetail("pending", store.pendingCount())
        .withDetail("failedAttempts", relay.consecutiveFailures());
    store.oldestPendingAge(clock.instant()).ifPresent(age -> builder.withDetail("oldestPendingSeconds",
        age.toSeconds()));
    return builder.build();
  }
}
