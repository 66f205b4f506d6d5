package dev.tollgate.registry;

import dev.tollgate.registry.http.RegistryHttpServer;
import dev.tollgate.registry.kafka.KafkaSchemaLog;
import dev.tollgate.registry.store.SchemaRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking Confluent's REST API, keeping its schemas in a compacted Kafka topic so
 * that ids, versions and settings survive restarts. For development and tests.
 */
public final class SchemaRegistryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

  private final RegistryConfig config;
  private final SchemaRegistry registry;
  private final RegistryHttpServer http;

  private SchemaRegistryServer(RegistryConfig config, SchemaRegistry registry, RegistryHttpServer http) {
    this.config = config;
    this.registry = registry;
    this.http = http;
  }

  /** Returns once the topic is read to its end and HTTP is listening; throws when either fails. */
  public static SchemaRegistryServer start(RegistryConfig config) {
    KafkaSchemaLog log;
    try {
      log = KafkaSchemaLog.open(config.bootstrapServers(), config.topic(), config.startupTimeout());
    } catch (RuntimeException e) {
      throw new IllegalStateException("Schema registry cannot use topic " + config.topic() + " on "
          + config.bootstrapServers() + ": " + e.getMessage(), e);
    }
    SchemaRegistry registry = null;
    try {
      registry = SchemaRegistry.load(log);
      RegistryHttpServer http = RegistryHttpServer.start(config.host(), config.port(), registry);
      SchemaRegistryServer server = new SchemaRegistryServer(config, registry, http);
      LOG.info("Schema registry listening on {} (topic {} on {})", server.url(), config.topic(), config.bootstrapServers());
      return server;
    } catch (RuntimeException e) {
      log.close();
      throw new IllegalStateException("Schema registry failed to start: " + e.getMessage(), e);
    }
  }

  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  public int port() {
    return http.port();
  }

  /** Stops HTTP first, so no write starts while the Kafka clients close. */
  @Override
  public void close() {
    try {
      http.close();
    } finally {
      registry.close();
    }
  }
}
