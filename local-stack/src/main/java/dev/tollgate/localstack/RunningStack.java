package dev.tollgate.localstack;

import dev.tollgate.localstack.postgres.PostgresEndpoint;
import dev.tollgate.localstack.services.ServiceProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A stack that is ready: where everything is. {@link #close()} stops what this stack started. */
public final class RunningStack implements AutoCloseable {

  private final LocalStack stack;
  private final Path dataDir;
  private final String kafkaBootstrap;
  private final boolean kafkaEmbedded;
  private final String registryUrl;
  private final boolean registryEmbedded;
  private final PostgresEndpoint postgres;
  private final List<ServiceProcess> services;
  private final String simulatorUrl;
  private final StackDescriptor descriptor;

  RunningStack(LocalStack stack, Path dataDir, String kafkaBootstrap, boolean kafkaEmbedded, String registryUrl,
      boolean registryEmbedded, PostgresEndpoint postgres, List<ServiceProcess> services, String simulatorUrl,
      StackDescriptor descriptor) {
    this.stack = stack;
    this.dataDir = dataDir;
    this.kafkaBootstrap = kafkaBootstrap;
    this.kafkaEmbedded = kafkaEmbedded;
    this.registryUrl = registryUrl;
    this.registryEmbedded = registryEmbedded;
    this.postgres = postgres;
    this.services = List.copyOf(services);
    this.simulatorUrl = simulatorUrl;
    this.descriptor = descriptor;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  public boolean kafkaEmbedded() {
    return kafkaEmbedded;
  }

  public String registryUrl() {
    return registryUrl;
  }

  public boolean registryEmbedded() {
    return registryEmbedded;
  }

  public PostgresEndpoint postgres() {
    return postgres;
  }

  public List<ServiceProcess> services() {
    return services;
  }

  public Optional<ServiceProcess> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The serving simulator's control API, unless it was turned off. */
  public Optional<String> simulatorUrl() {
    return Optional.ofNullable(simulatorUrl);
  }

  public StackDescriptor descriptor() {
    return descriptor;
  }

  public Path descriptorFile() {
    return DataDirLayout.descriptor(dataDir);
  }

  public Path logDir() {
    return DataDirLayout.logDir(dataDir);
  }

  /** Broker, registry and PostgreSQL logs (when the launcher's log4j2.xml is in use). */
  public Path infraLog() {
    return DataDirLayout.infraLog(dataDir);
  }

  public double readySeconds() {
    return descriptor.readySeconds();
  }

  /** The JVM running the launcher, the embedded broker and the embedded registry. */
  public long launcherPid() {
    return descriptor.launcherPid();
  }

  @Override
  public void close() {
    stack.close();
  }
}
