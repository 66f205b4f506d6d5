package dev.tollgate.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the registry keeps its schemas and where it listens.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks any free port
 * @param topic the compacted topic holding the schemas (Confluent's default is {@code _schemas})
 * @param startupTimeout how long {@link SchemaRegistryServer#start} may wait for Kafka
 */
public record RegistryConfig(String bootstrapServers, String host, int port, String topic, Duration startupTimeout) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String DEFAULT_TOPIC = "_schemas";
  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

  public RegistryConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    topic = topic == null || topic.isBlank() ? DEFAULT_TOPIC : topic;
    startupTimeout = startupTimeout == null ? DEFAULT_STARTUP_TIMEOUT : startupTimeout;
    if (startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive, was " + startupTimeout);
    }
  }

  /** Listens on 127.0.0.1, stores in {@code _schemas}, waits up to 60 s for Kafka at startup. */
  public static RegistryConfig of(String bootstrapServers, int port) {
    return new RegistryConfig(bootstrapServers, DEFAULT_HOST, port, DEFAULT_TOPIC, DEFAULT_STARTUP_TIMEOUT);
  }
}
