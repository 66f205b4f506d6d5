package dev.tollgate.system.stack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Kills a service of the running stack the hard way (SIGKILL: no shutdown hook, no commit, no
 * goodbye to its consumer group) and waits until the launcher has restarted it and it is UP.
 */
public final class ServiceCrash {

  private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(120);

  private ServiceCrash() {}

  /** Kills {@code service} (e.g. {@code audit-service}); returns once its successor answers UP. */
  public static void killAndAwaitRestart(StackEndpoints stack, String service, java.net.URI baseUrl) {
    killAndAwaitRestart(stack, service, baseUrl, () -> { });
  }

  /**
   * Kills {@code service}, runs {@code whileDown} once the process is gone (its successor is still
   * starting: a JVM and a Spring context take seconds, so nothing of it consumes yet), then waits
   * until the successor answers UP.
   */
  public static void killAndAwaitRestart(StackEndpoints stack, String service, java.net.URI baseUrl,
      Runnable whileDown) {
    long pid = stack.pidOf(service);
    ProcessHandle process = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException(service + " (pid " + pid + ") is not running"));
    process.destroyForcibly();
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(service + " (pid " + pid + ") did not die", e);
    }
    whileDown.run();
    JsonHttp http = new JsonHttp();
    Awaitility.await(service + " restarted by the launcher and UP").atMost(RESTART_TIMEOUT)
        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> stack.pidOf(service) != pid
            && "UP".equals(http.get(baseUrl.resolve("/actuator/health"), null).body().path("status").asText()));
  }
}
