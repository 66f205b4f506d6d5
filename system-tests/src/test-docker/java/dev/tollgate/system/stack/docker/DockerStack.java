package dev.tollgate.system.stack.docker;

import dev.tollgate.system.stack.LocalStackProcess;
import dev.tollgate.system.stack.StackEndpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

/**
 * The integration-test stack on Docker (Maven profile {@code docker}): the official Kafka image,
 * Confluent's Schema Registry image and PostgreSQL in containers, and the three services started
 * by local-stack against them, exactly as without Docker.
 */
public final class DockerStack implements AutoCloseable {

  private final Network network;
  private final KafkaContainer kafka;
  private final GenericContainer<?> registry;
  private final PostgreSQLContainer postgres;
  private final LocalStackProcess services;

  private DockerStack(Network network, KafkaContainer kafka, GenericContainer<?> registry,
      PostgreSQLContainer postgres, LocalStackProcess services) {
    this.network = network;
    this.kafka = kafka;
    this.registry = registry;
    this.postgres = postgres;
    this.services = services;
  }

  public static DockerStack start(Path home) throws IOException {
    Network network = Network.newNetwork();
    KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2")
        .withNetwork(network)
        .withListener("kafka:19094")
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    kafka.start();
    GenericContainer<?> registry = new GenericContainer<>("confluentinc/cp-schema-registry:7.9.1")
        .withNetwork(network)
        .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
        .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
        .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19094")
        .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward_transitive")
        .withExposedPorts(8081)
        .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
    registry.start();
    PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16.6")
        .withUsername("postgres")
        .withPassword("postgres")
        .withCopyFileToContainer(MountableFile.forHostPath(home.resolve("deploy/postgres-init.sql")),
            "/docker-entrypoint-initdb.d/10-databases.sql");
    postgres.start();
    LocalStackProcess services = LocalStackProcess.start(home, List.of(
        "--kafka-bootstrap", kafka.getBootstrapServers(),
        "--registry-url", "http://" + registry.getHost() + ":" + registry.getMappedPort(8081),
        "--postgres-url", "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432)));
    return new DockerStack(network, kafka, registry, postgres, services);
  }

  public StackEndpoints endpoints() {
    return services.endpoints();
  }

  @Override
  public void close() {
    services.close();
    postgres.stop();
    registry.stop();
    kafka.stop();
    network.close();
  }
}
