package dev.tollgate.system.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.localstack.FileTrees;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The whole local stack (broker, registry, PostgreSQL, three services) started the way the README
 * starts it — {@code java -jar local-stack/target/tollgate-local-stack.jar} — on free ports and in
 * a temporary data directory, and stopped by PID.
 */
public final class LocalStackProcess implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

  /** Set ({@code -Dtollgate.it.keep-data=true}) to keep each stack's data dir and logs for a post-mortem. */
  public static final String KEEP_DATA = "tollgate.it.keep-data";

  /** Policy additions of the test stack, read by approval-service on top of its own application.yml. */
  static final String TEST_POLICIES = "it-stack-policies.yml";

  private final Process process;
  private final Path dataDir;
  private final Path launcherLog;
  private final StackEndpoints endpoints;

  private LocalStackProcess(Process process, Path dataDir, Path launcherLog, StackEndpoints endpoints) {
    this.process = process;
    this.dataDir = dataDir;
    this.launcherLog = launcherLog;
    this.endpoints = endpoints;
  }

  /** Starts the stack from the built jars under {@code home} and waits until every part is ready. */
  public static LocalStackProcess start(Path home) throws IOException {
    return start(home, List.of());
  }

  /**
   * As {@link #start(Path)}, with extra launcher options, e.g. {@code --kafka-bootstrap} to run the
   * services against infrastructure started elsewhere (the Testcontainers variant).
   */
  public static LocalStackProcess start(Path home, List<String> extraOptions) throws IOException {
    Path jar = home.resolve("local-stack/target/tollgate-local-stack.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the reactor first (mvn -B verify does)");
    }
    Path dataDir = Files.createTempDirectory("tollgate-it-");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(
        java, "-Xmx512m", "-jar", jar.toString(),
        "--home", home.toString(),
        "--data-dir", dataDir.toString(),
        "--ports", "auto",
        "--exit-with-parent",
        // approval-service on a clock the expiry tests move (POST /dev/clock/advance); see ApprovalExpiryIT
        "--test-clock",
        // the tests' additions to the shipped policies (a gate only GateIT names); restarts keep them
        "--policies", testPolicies().toString()));
    command.addAll(extraOptions);
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-launcher.log");
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    Path descriptor = dataDir.resolve("stack.json");
    try {
      Awaitility.await("local stack ready (launcher log: " + log + ")")
          .atMost(STARTUP_TIMEOUT)
          .pollInterval(Duration.ofMillis(250))
          .failFast("the local-stack launcher exited; see " + log, () -> !process.isAlive())
          .until(() -> Files.exists(descriptor));
      return new LocalStackProcess(process, dataDir, log, read(descriptor));
    } catch (RuntimeException | Error e) {
      stop(process);
      System.err.println("---- local-stack launcher log (" + log + ") ----");
      System.err.println(tail(log, 80));
      throw e;
    }
  }

  /** {@code it-stack-policies.yml} from the test classpath. */
  private static Path testPolicies() {
    URL policies = LocalStackProcess.class.getResource("/" + TEST_POLICIES);
    if (policies == null) {
      throw new IllegalStateException(TEST_POLICIES + " is not on the test classpath (system-tests/src/test/resources)");
    }
    try {
      return Path.of(policies.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read " + policies + " as a file", e);
    }
  }

  public StackEndpoints endpoints() {
    return endpoints;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the stack by PID, then removes its data dir and launcher log (about 90 MB a run). */
  @Override
  public void close() {
    stop(process);
    removeUnlessKept(dataDir, launcherLog);
  }

  /** Deletes what a test wrote to temporary storage, unless {@link #KEEP_DATA} is set. */
  static void removeUnlessKept(Path... paths) {
    if (Boolean.getBoolean(KEEP_DATA)) {
      return;
    }
    for (Path path : paths) {
      try {
        FileTrees.deleteTree(path);
      } catch (IOException e) {
        System.err.println("could not remove " + path + ": " + e);
      }
    }
  }

  private static void stop(Process process) {
    // SIGTERM lets the launcher stop its services and infrastructure by PID; then make sure.
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static StackEndpoints read(Path descriptor) throws IOException {
    JsonNode json = new ObjectMapper().readTree(descriptor.toFile());
    Map<String, URI> services = new LinkedHashMap<>();
    json.path("services").properties().forEach(e -> services.put(e.getKey(), URI.create(e.getValue().path("url").asText())));
    Map<String, String> jdbcUrls = new LinkedHashMap<>();
    json.path("postgres").path("jdbcUrls").properties().forEach(e -> jdbcUrls.put(e.getKey(), e.getValue().asText()));
    String simulator = json.path("simulator").path("url").asText(null);
    return new StackEndpoints(json.path("kafka").asText(), json.path("registry").asText(), services, jdbcUrls,
        simulator == null ? null : URI.create(simulator), descriptor);
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
