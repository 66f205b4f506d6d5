package dev.tollgate.localstack.registry;

import dev.tollgate.localstack.LocalStackException;
import dev.tollgate.registry.RegistryConfig;
import dev.tollgate.registry.SchemaRegistryServer;
import dev.tollgate.schemas.compatibility.CompatibilityLevel;
import dev.tollgate.schemas.registry.HttpSchemaRegistryClient;
import dev.tollgate.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.List;

/** The schema registry of the stack: our Confluent-compatible server, storing schemas in Kafka. */
public final class LocalRegistry {

  /** What ARCHITECTURE.md prescribes for every subject. */
  public static final CompatibilityLevel GLOBAL_COMPATIBILITY = CompatibilityLevel.BACKWARD_TRANSITIVE;

  private LocalRegistry() {}

  /** Starts the registry on the broker; it has caught up with its schemas topic when this returns. */
  public static SchemaRegistryServer start(String bootstrapServers, int port, Duration timeout) {
    RegistryConfig config = new RegistryConfig(
        bootstrapServers, RegistryConfig.DEFAULT_HOST, port, RegistryConfig.DEFAULT_TOPIC, timeout);
    try {
      return SchemaRegistryServer.start(config);
    } catch (RuntimeException e) {
      throw new LocalStackException("the schema registry did not start on port " + port + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sets the global compatibility. Idempotent, so it runs on every start, also against an
   * external registry (which then enforces what our build checks).
   */
  public static void configure(String registryUrl, Duration timeout) {
    // retries (backoff doubling from 250 ms to 5 s) cover an external registry that is still starting
    int attempts = (int) (timeout.toSeconds() / 5) + 5;
    HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(
        List.of(registryUrl), null, Duration.ofSeconds(5), attempts, Duration.ofMillis(250));
    try {
      client.setCompatibility(null, GLOBAL_COMPATIBILITY.name());
    } catch (SchemaRegistryException e) {
      throw new LocalStackException("cannot set the global compatibility on the schema registry " + registryUrl
          + ": " + e.getMessage(), e);
    }
  }
}
