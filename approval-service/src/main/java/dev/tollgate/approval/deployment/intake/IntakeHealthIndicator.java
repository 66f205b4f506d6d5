package dev.tollgate.approval.deployment.intake;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * UP once the requests consumer runs and has joined its group (an assignment, possibly empty,
 * arrived): before that CI's topic requests would not be read.
 */
public class IntakeHealthIndicator implements HealthIndicator, ConsumerAwareRebalanceListener {

  private final AtomicBoolean joined = new AtomicBoolean();
  private volatile MessageListenerContainer container;

  public void watch(MessageListenerContainer container) {
    this.container = container;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    joined.set(true);
  }

  @Override
  public Health health() {
    MessageListenerContainer current = container;
    if (current == null || !current.isRunning()) {
      return Health.down().withDetail("consumer", "not running").build();
    }
    if (!joined.get()) {
      return Health.down().withDetail("consumer", "running, waiting for the group assignment").build();
    }
    var assigned = current.getAssignedPartitions();
    return Health.up()
        .withDetail("consumer", current.isContainerPaused() ? "paused" : "running")
        .withDetail("assignedPartitions", assigned == null ? 0 : assigned.size())
        .build();
  }
}
