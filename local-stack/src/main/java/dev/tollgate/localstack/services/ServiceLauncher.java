package dev.tollgate.localstack.services;

import dev.tollgate.localstack.StackPorts;
import dev.tollgate.localstack.LocalStackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the services as child JVMs, all at once, and waits until each reports UP. The command
 * line follows the runtime contract of the team brief.
 */
public final class ServiceLauncher {

  private static final Logger log = LoggerFactory.getLogger(ServiceLauncher.class);

  /** Small heaps and a quick-starting JIT: three services share a developer's machine. */
  public static final List<String> DEFAULT_JVM_OPTS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  public static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(180);
  public static final int LOG_TAIL_LINES = 40;

  private ServiceLauncher() {}

  /** Where the services find the infrastructure. */
  public record Infrastructure(
      String kafkaBootstrap, String registryUrl, String postgresHost, int postgresPort, String postgresUser,
      String postgresPassword, Path dataDir) {}

  /** Fails fast, before anything starts, when a service jar has not been built. */
  public static void requireJars(Path home) {
    List<String> missing = new ArrayList<>();
    for (TollgateService service : TollgateService.values()) {
      if (!Files.isRegularFile(service.jar(home))) {
        missing.add(service.jar(home).toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new LocalStackException("service jar(s) missing: " + String.join(", ", missing)
          + ". Build them first: (cd " + home + " && mvn -B -q -DskipTests package), or pass --home"
          + " pointing at the repository root, or use --infra-only.");
    }
  }

  /**
   * What the user asked for on top of the defaults.
   *
   * @param extraJvmOpts JVM options after the defaults (a later option wins)
   * @param testClock approval-service runs on a clock tests can move (expiry tests only)
   * @param policies a YAML file approval-service reads after its shipped configuration, or null
   */
  public record Customization(List<String> extraJvmOpts, boolean testClock, Path policies) {

    public Customization {
      extraJvmOpts = List.copyOf(extraJvmOpts);
    }

    public static Customization jvmOpts(List<String> extraJvmOpts) {
      return new Customization(extraJvmOpts, false, null);
    }
  }

  /** The full command line of one service JVM on the real clock. */
  public static List<String> command(
      String java, TollgateService service, Path home, int port, Infrastructure infra, List<String> extraJvmOpts) {
    return command(java, service, home, port, infra, 1, Customization.jvmOpts(extraJvmOpts));
  }

  /**
   * The command line of instance {@code instance} (1 is the first). Further rollout-service
   * instances join the same Kafka Streams application with a state dir of their own.
   */
  public static List<String> command(String java, TollgateService service, Path home, int port,
      Infrastructure infra, int instance, Customization custom) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(DEFAULT_JVM_OPTS);
    command.addAll(custom.extraJvmOpts());
    command.add("-jar");
    command.add(service.jar(home).toString());
    command.add("--server.port=" + port);
    command.add("--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrap());
    command.add("--spring.kafka.properties.schema.registry.url=" + infra.registryUrl());
    service.database().ifPresent(db -> {
      command.add("--spring.datasource.url=jdbc:postgresql://" + infra.postgresHost() + ":" + infra.postgresPort() + "/" + db);
      command.add("--spring.datasource.username=" + infra.postgresUser());
      command.add("--spring.datasource.password=" + infra.postgresPassword());
    });
    if (service == TollgateService.ROLLOUT) {
      // traffic commands wait for acknowledgements (rollout-service's default): the stack's serving
      // simulator gives them, or, with --no-simulator, the adapter the developer runs
      String stateDir = instance == 1 ? "rollout-streams" : "rollout-streams-" + instance;
      command.add("--tollgate.rollout.state-dir=" + infra.dataDir().resolve(stateDir));
    }
    if (custom.testClock() && service == TollgateService.APPROVAL) {
      command.add("--tollgate.dev.clock-control.enabled=true");
    }
    if (custom.policies() != null && service == TollgateService.APPROVAL) {
      // "file:" and no "optional:": a file that went missing stops approval-service at start-up
      command.add("--spring.config.additional-location=file:" + custom.policies());
    }
    return command;
  }

  /**
   * What a service must know of the other services on this stack: audit-service's handoff record
   * prints curl commands against approval-service and rollout-service, at the ports they got.
   */
  public static List<String> peerArguments(TollgateService service, StackPorts ports) {
    if (service != TollgateService.AUDIT) {
      return List.of();
    }
    return List.of(
        "--tollgate.audit.handoff.approval-url=http://127.0.0.1:" + TollgateService.APPROVAL.port(ports),
        "--tollgate.audit.handoff.rollout-url=http://127.0.0.1:" + TollgateService.ROLLOUT.port(ports));
  }

  /** The java binary running this launcher, so the services run on the same JDK. */
  public static String currentJava() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * Waits until every service is UP. Each has {@code timeout} from its own start. A service that
   * exits or times out fails the wait at once, with the tail of its log in the message.
   */
  public static void awaitHealthy(List<ServiceProcess> services, Duration timeout, Consumer<ServiceProcess> onUp) {
    Map<String, ServiceProcess> waiting = new LinkedHashMap<>();
    services.forEach(s -> waiting.put(s.name(), s));
    while (!waiting.isEmpty()) {
      for (ServiceProcess service : List.copyOf(waiting.values())) {
        if (service.isHealthy()) {
          waiting.remove(service.name());
          onUp.accept(service);
        } else if (!service.isAlive()) {
          throw failed(service, "exited with code " + service.exitCode() + " before it was ready");
        } else if (service.uptime().compareTo(timeout) > 0) {
          throw failed(service, "was not UP within " + timeout.toSeconds() + " s");
        }
      }
      if (!waiting.isEmpty()) {
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LocalStackException("interrupted while waiting for " + waiting.keySet());
        }
      }
    }
  }

  private static LocalStackException failed(ServiceProcess service, String what) {
    log.debug("{} {}", service.name(), what);
    return new LocalStackException(service.name() + " " + what + " (pid " + service.pid() + "). Last "
        + LOG_TAIL_LINES + " lines of " + service.logFile() + ":" + System.lineSeparator()
        + service.logTail(LOG_TAIL_LINES));
  }

  /** Stops all at once: SIGTERM to each, then up to {@code grace} for all, then SIGKILL. */
  public static void stopAll(List<ServiceProcess> services, Duration grace) {
    services.forEach(ServiceProcess::requestStop);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ServiceProcess service : services) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!service.awaitStop(left)) {
        log.warn("{} (pid {}) did not stop within {} s; killed it", service.name(), service.pid(), grace.toSeconds());
      }
    }
  }
}
