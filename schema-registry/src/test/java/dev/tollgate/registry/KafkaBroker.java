package dev.tollgate.registry;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One KRaft broker for the whole test JVM: started by the first class that uses the extension,
 * stopped when the test run ends (JUnit closes AutoCloseable values of the root store).
 */
public final class KafkaBroker implements BeforeAllCallback {

  private static volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .computeIfAbsent(KafkaBroker.class, key -> start(), Running.class);
  }

  /** host:port of the broker; valid once the extension ran. */
  public static String bootstrapServers() {
    if (running == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(KafkaBroker.class)");
    }
    return running.broker.getBrokersAsString();
  }

  private static Running start() {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(Map.of(
        "offsets.topic.replication.factor", "1",
        "transaction.state.log.replication.factor", "1",
        "transaction.state.log.min.isr", "1",
        // fewer partitions for the transaction log: quicker first transaction on a small machine
        "transaction.state.log.num.partitions", "4",
        "auto.create.topics.enable", "false"));
    broker.afterPropertiesSet();
    running = new Running(broker);
    return running;
  }

  private record Running(EmbeddedKafkaKraftBroker broker) implements AutoCloseable {
    @Override
    public void close() {
      broker.destroy();
      KafkaBroker.running = null;
    }
  }
}
