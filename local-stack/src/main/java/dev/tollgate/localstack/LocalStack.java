package dev.tollgate.localstack;

import dev.tollgate.localstack.broker.CatalogTopics;
import dev.tollgate.localstack.broker.LocalKafkaBroker;
import dev.tollgate.localstack.cli.LocalStackOptions;
import dev.tollgate.localstack.postgres.Databases;
import dev.tollgate.localstack.postgres.LocalPostgres;
import dev.tollgate.localstack.postgres.PostgresEndpoint;
import dev.tollgate.localstack.registry.LocalRegistry;
import dev.tollgate.localstack.services.ServiceLauncher;
import dev.tollgate.localstack.services.ServiceProcess;
import dev.tollgate.localstack.serving.ServingSimulator;
import dev.tollgate.localstack.services.TollgateService;
import dev.tollgate.registry.SchemaRegistryServer;
import dev.tollgate.schemas.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the stack in order (broker, catalog topics, registry, serving simulator, PostgreSQL
 * alongside, services)
 * and stops it in reverse. Used by {@link LocalStackMain} and by tests.
 *
 * <p>{@link #close()} may come from another thread at any time (a shutdown hook during startup):
 * every started piece is handed over under this object's monitor, and a piece that arrives after
 * close began is stopped at once, so nothing outlives the launcher.
 */
public final class LocalStack implements AutoCloseable {

  static final Duration INFRA_TIMEOUT = Duration.ofSeconds(90);
  static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

  private final LocalStackOptions options;
  private final long startNanos;

  private boolean closing;
  private DataDirLock lock;
  private LocalKafkaBroker broker;
  private SchemaRegistryServer registry;
  private CompletableFuture<LocalPostgres> postgres;
  private final List<ServiceProcess> services = new ArrayList<>();
  private final Map<String, List<String>> serviceCommands = new LinkedHashMap<>();
  private ScheduledExecutorService supervisor;
  private ServingSimulator simulator;
  private boolean descriptorWritten;

  /** @param startNanos {@link System#nanoTime()} at the launcher's main(), for the ready time */
  public LocalStack(LocalStackOptions options, long startNanos) {
    this.options = options;
    this.startNanos = startNanos;
  }

  /** Starts a stack and returns once all of it is ready. */
  public static RunningStack start(LocalStackOptions options) {
    return new LocalStack(options, System.nanoTime()).start();
  }

  /** Starts everything; on any failure stops what already runs and rethrows. */
  public RunningStack start() {
    try {
      return startInOrder();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private RunningStack startInOrder() {
    Path dataDir = options.dataDir();
    if (options.clean()) {
      DataDirLock.requireCleanable(dataDir);
    }
    DataDirLock acquired = adopt(DataDirLock.acquire(dataDir), l -> lock = l);
    if (options.clean()) {
      acquired.cleanDataDir();
    }
    // before the next log line: the infra log's directory went with the clean
    prepareDataDir(dataDir);
    if (options.clean()) {
      log.info("Cleaned {}", dataDir);
    }
    if (!options.infraOnly()) {
      ServiceLauncher.requireJars(options.home());
    }
    StackPorts ports = options.autoPorts()
        ? StackPorts.free(options.rolloutInstances()) : StackPorts.fixed(options.rolloutInstances());
    if (!options.autoPorts()) {
      StackPorts.requireFree(ports.byComponent(
          !options.externalKafka(), !options.externalRegistry(), !options.externalPostgres(), !options.infraOnly(),
          options.simulator()));
    }

    // PostgreSQL needs nothing from Kafka: start it alongside the broker
    if (!options.externalPostgres()) {
      CompletableFuture<LocalPostgres> starting = CompletableFuture.supplyAsync(
          () -> LocalPostgres.start(DataDirLayout.postgresDir(dataDir), ports.postgres(), INFRA_TIMEOUT));
      synchronized (this) {
        postgres = starting;
        if (closing) {
          stopPostgres();
          requireNotClosing();
        }
      }
    }

    String kafka;
    if (options.externalKafka()) {
      kafka = options.kafkaBootstrap();
      log.info("Using Kafka at {}", kafka);
    } else {
      LocalKafkaBroker started = adopt(LocalKafkaBroker.start(DataDirLayout.kafkaDir(dataDir), ports.kafka(),
          ports.controller(), INFRA_TIMEOUT), b -> broker = b);
      kafka = started.bootstrapServers();
      log.info("Kafka broker ready on {} ({})", kafka, elapsed());
    }
    List<String> created = CatalogTopics.create(kafka, INFRA_TIMEOUT);
    log.info("Catalog topics: {} created, {} already there", created.size(), Topics.all().size() - created.size());

    String registryUrl;
    if (options.externalRegistry()) {
      registryUrl = options.registryUrl();
      log.info("Using the schema registry at {}", registryUrl);
    } else {
      SchemaRegistryServer started = adopt(LocalRegistry.start(kafka, ports.registry(), INFRA_TIMEOUT), r -> registry = r);
      registryUrl = started.url();
    }
    LocalRegistry.configure(registryUrl, INFRA_TIMEOUT);
    log.info("Schema registry ready on {}, global compatibility {} ({})", registryUrl,
        LocalRegistry.GLOBAL_COMPATIBILITY, elapsed());

    if (options.simulator()) {
      ServingSimulator started = adopt(ServingSimulator.start(new ServingSimulator.Settings(kafka, registryUrl,
          ports.simulator(), dataDir, options.simSampleInterval())), s -> simulator = s);
      log.info("Serving simulator ready: acknowledges traffic commands, a health sample per serving version every"
          + " {} ms, control API on {} ({})", options.simSampleInterval().toMillis(), started.controlUrl(), elapsed());
    }

    PostgresEndpoint pg = postgresEndpoint();
    List<String> databases = Databases.ensure(pg.host(), pg.port(), INFRA_TIMEOUT);
    log.info("PostgreSQL ready on {}{} ({})", pg.serverUrl(),
        databases.isEmpty() ? "" : ", created databases " + databases, elapsed());

    if (!options.infraOnly()) {
      startServices(dataDir, ports, kafka, registryUrl, pg);
    }

    StackDescriptor descriptor = describe(kafka, registryUrl, pg);
    synchronized (this) {
      requireNotClosing();
      descriptor.writeAtomically(DataDirLayout.descriptor(dataDir));
      descriptorWritten = true;
      if (!services.isEmpty()) {
        superviseServices(() -> describe(kafka, registryUrl, pg));
      }
    }
    synchronized (this) {
      return new RunningStack(this, dataDir, kafka, !options.externalKafka(), registryUrl,
          !options.externalRegistry(), pg, services, simulator == null ? null : simulator.controlUrl(), descriptor);
    }
  }

  private static void prepareDataDir(Path dataDir) {
    try {
      Files.createDirectories(DataDirLayout.logDir(dataDir));
      // left behind by a launcher that was killed: its ports are no longer true
      Files.deleteIfExists(DataDirLayout.descriptor(dataDir));
    } catch (IOException e) {
      throw new LocalStackException("cannot prepare data dir " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private PostgresEndpoint postgresEndpoint() {
    if (options.externalPostgres()) {
      return new PostgresEndpoint(options.postgres().host(), options.postgres().port(), -1, false);
    }
    LocalPostgres started;
    try {
      started = postgres.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    return new PostgresEndpoint("127.0.0.1", started.port(), started.pid(), true);
  }

  private void startServices(Path dataDir, StackPorts ports, String kafka, String registryUrl, PostgresEndpoint pg) {
    ServiceLauncher.Infrastructure infra = new ServiceLauncher.Infrastructure(
        kafka, registryUrl, pg.host(), pg.port(), pg.user(), pg.password(), dataDir);
    String java = ServiceLauncher.currentJava();
    ServiceLauncher.Customization custom = new ServiceLauncher.Customization(
        options.serviceJvmOpts(), options.testClock(), options.policies());
    List<ServiceProcess> started = new ArrayList<>();
    for (TollgateService service : TollgateService.values()) {
      if (!options.services().contains(service)) {
        continue;
      }
      for (int instance = 1; instance <= service.instances(ports); instance++) {
        String name = service.instanceName(instance);
        int port = service.port(ports, instance);
        List<String> command = new ArrayList<>(ServiceLauncher.command(java, service, options.home(), port, infra,
            instance, custom));
        command.addAll(ServiceLauncher.peerArguments(service, ports));
        ServiceProcess process = ServiceProcess.start(service, name, command, port,
            DataDirLayout.serviceLog(dataDir, name), false);
        synchronized (this) {
          serviceCommands.put(name, command);
          services.add(process);
          if (closing) {
            ServiceLauncher.stopAll(List.of(process), SERVICE_STOP_GRACE);
            requireNotClosing();
          }
        }
        started.add(process);
        log.info("Started {} (pid {}), waiting for {}/actuator/health", name, process.pid(), process.url());
      }
    }
    ServiceLauncher.awaitHealthy(started, ServiceLauncher.HEALTH_TIMEOUT,
        s -> log.info("{} is UP ({})", s.name(), elapsed()));
  }

  /**
   * Restarts a service whose process ended while the stack runs (a crash, or a test killing it on
   * purpose), as a process supervisor would, and rewrites stack.json with its new PID.
   */
  private void superviseServices(Supplier<StackDescriptor> describer) {
    supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "service-supervisor");
      thread.setDaemon(true);
      return thread;
    });
    supervisor.scheduleWithFixedDelay(() -> restartEnded(describer), 500, 500, TimeUnit.MILLISECONDS);
  }

  private synchronized void restartEnded(Supplier<StackDescriptor> describer) {
    boolean restarted = false;
    for (int i = 0; i < services.size() && !closing; i++) {
      ServiceProcess ended = services.get(i);
      if (!ended.isAlive()) {
        ServiceProcess next = ended.restart(serviceCommands.get(ended.name()));
        log.warn("{} (pid {}) exited with code {}; restarted as pid {}", ended.name(), ended.pid(), ended.exitCode(),
            next.pid());
        services.set(i, next);
        restarted = true;
      }
    }
    if (restarted && !closing) {
      describer.get().writeAtomically(DataDirLayout.descriptor(options.dataDir()));
    }
  }

  private StackDescriptor describe(String kafka, String registryUrl, PostgresEndpoint pg) {
    Map<String, StackDescriptor.Service> described = new LinkedHashMap<>();
    synchronized (this) {
      services.forEach(s -> described.put(s.name(), new StackDescriptor.Service(s.url(), s.pid())));
    }
    StackDescriptor.Simulator describedSimulator;
    synchronized (this) {
      describedSimulator = simulator == null ? null : new StackDescriptor.Simulator(simulator.controlUrl());
    }
    return new StackDescriptor(kafka, registryUrl,
        new StackDescriptor.Postgres(pg.host(), pg.port(), pg.user(), pg.password(), pg.jdbcUrls()),
        described, describedSimulator, ProcessHandle.current().pid(), secondsSinceStart());
  }

  private double secondsSinceStart() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private String elapsed() {
    return String.format(Locale.ROOT, "%.1f s", secondsSinceStart());
  }

  /** Hands a started piece to the stack, or stops it at once when the stack is already stopping. */
  private synchronized <T extends AutoCloseable> T adopt(T component, Consumer<T> field) {
    if (closing) {
      closeQuietly(component.getClass().getSimpleName(), component);
      requireNotClosing();
    }
    field.accept(component);
    return component;
  }

  private void requireNotClosing() {
    if (closing) {
      throw new LocalStackException("the stack was stopped while starting");
    }
  }

  /** Whether {@link #close()} has run (or is running). */
  public synchronized boolean isClosed() {
    return closing;
  }

  /**
   * Stops what this stack started, services first (they use the rest), then registry, broker and
   * PostgreSQL; removes stack.json and releases the data dir. Safe to call more than once.
   */
  @Override
  public synchronized void close() {
    if (closing) {
      return;
    }
    closing = true;
    if (supervisor != null) {
      supervisor.shutdownNow();
    }
    if (!services.isEmpty()) {
      log.info("Stopping {}", services.stream().map(ServiceProcess::name).toList());
      ServiceLauncher.stopAll(services, SERVICE_STOP_GRACE);
    }
    if (simulator != null) {
      log.info("Stopping the serving simulator");
      closeQuietly("serving simulator", simulator);
    }
    if (registry != null) {
      log.info("Stopping the schema registry");
      closeQuietly("schema registry", registry);
    }
    if (broker != null) {
      log.info("Stopping the Kafka broker");
      closeQuietly("Kafka broker", broker);
    }
    stopPostgres();
    if (descriptorWritten) {
      try {
        Files.deleteIfExists(DataDirLayout.descriptor(options.dataDir()));
      } catch (IOException e) {
        log.warn("Cannot delete {}", StackDescriptor.FILE_NAME, e);
      }
    }
    if (lock != null) {
      lock.close();
    }
  }

  private synchronized void stopPostgres() {
    if (postgres != null) {
      // wait for a start still in progress, so its server process is not left behind
      LocalPostgres started = postgres.handle((pg, failure) -> pg).join();
      postgres = null;
      if (started != null) {
        log.info("Stopping PostgreSQL");
        started.close();
      }
    }
  }

  private static void closeQuietly(String what, AutoCloseable component) {
    try {
      component.close();
    } catch (Exception e) {
      log.warn("{} did not stop cleanly", what, e);
    }
  }
}
