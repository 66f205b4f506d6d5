package dev.tollgate.system.stack;

import dev.tollgate.localstack.services.ServiceLauncher;
import dev.tollgate.localstack.services.ServiceProcess;
import dev.tollgate.localstack.services.TollgateService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One more rollout-service instance next to the stack's own: started from the built exec jar with
 * the launcher's command line (same broker, registry and Kafka Streams application), on a free port
 * with a state dir of its own in a temp dir, and stopped by PID. For the multi-instance tests only,
 * so the shared stack keeps one instance and the other tests keep its timing.
 */
public final class ExtraRolloutInstance implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final ServiceProcess process;
  private final Path dir;

  private ExtraRolloutInstance(ServiceProcess process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  /** Starts instance {@code instance} (2, 3 ...) and returns once it is UP (its Streams client RUNNING). */
  public static ExtraRolloutInstance start(StackEndpoints stack, int instance) {
    Path home = Path.of(System.getProperty("tollgate.home", "..")).toAbsolutePath().normalize();
    try {
      Path dir = Files.createTempDirectory("tollgate-it-rollout-" + instance + "-");
      int port = freePort();
      ServiceLauncher.Infrastructure infra = new ServiceLauncher.Infrastructure(stack.kafkaBootstrap(),
          stack.registryUrl(), "127.0.0.1", 0, "postgres", "postgres", dir);
      List<String> command = ServiceLauncher.command(ServiceLauncher.currentJava(), TollgateService.ROLLOUT, home,
          port, infra, instance, ServiceLauncher.Customization.jvmOpts(List.of()));
      String name = TollgateService.ROLLOUT.instanceName(instance);
      ServiceProcess process = ServiceProcess.start(TollgateService.ROLLOUT, name, command, port,
          dir.resolve(name + ".log"), false);
      ExtraRolloutInstance started = new ExtraRolloutInstance(process, dir);
      try {
        ServiceLauncher.awaitHealthy(List.of(process), ServiceLauncher.HEALTH_TIMEOUT, up -> { });
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start another rollout-service instance", e);
    }
  }

  public URI url() {
    return URI.create(process.url());
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return process.logFile();
  }

  /** SIGTERM, then SIGKILL after the grace period; then its temp dir goes (unless kept, see LocalStackProcess). */
  @Override
  public void close() {
    process.requestStop();
    process.awaitStop(STOP_GRACE);
    LocalStackProcess.removeUnlessKept(dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
