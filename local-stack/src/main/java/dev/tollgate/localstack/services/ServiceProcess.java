package dev.tollgate.localstack.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.localstack.LocalStackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** One service running as a child JVM, its output in a log file of its own. */
public final class ServiceProcess {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final TollgateService service;
  private final String name;
  private final Process process;
  private final int port;
  private final Path logFile;
  private final long startedAtNanos = System.nanoTime();

  private ServiceProcess(TollgateService service, String name, Process process, int port, Path logFile) {
    this.service = service;
    this.name = name;
    this.process = process;
    this.port = port;
    this.logFile = logFile;
  }

  /** Starts {@code command}; stdout and stderr go to {@code logFile} (replaced, so it holds this run only). */
  public static ServiceProcess start(TollgateService service, List<String> command, int port, Path logFile) {
    return start(service, service.module(), command, port, logFile, false);
  }

  /**
   * As {@link #start(TollgateService, List, int, Path)} for one of several instances, named e.g.
   * {@code rollout-service-2}; a restart appends to the log it already has.
   */
  public static ServiceProcess start(TollgateService service, String name, List<String> command, int port,
      Path logFile, boolean appendToLog) {
    try {
      Files.createDirectories(logFile.getParent());
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(appendToLog
              ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
              : ProcessBuilder.Redirect.to(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
      process.getOutputStream().close(); // the service reads no input
      return new ServiceProcess(service, name, process, port, logFile);
    } catch (IOException e) {
      throw new LocalStackException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** A new process with the same command, port and log, after this one ended. */
  public ServiceProcess restart(List<String> command) {
    return start(service, name, command, port, logFile, true);
  }

  public TollgateService service() {
    return service;
  }

  /** The instance's name, e.g. {@code rollout-service} or {@code rollout-service-2}. */
  public String name() {
    return name;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Exit code if it has ended. */
  public Integer exitCode() {
    return process.isAlive() ? null : process.exitValue();
  }

  public Duration uptime() {
    return Duration.ofNanos(System.nanoTime() - startedAtNanos);
  }

  /** True when {@code /actuator/health} answers status UP; false on any other answer or no answer. */
  public boolean isHealthy() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
        .timeout(Duration.ofSeconds(3))
        .header("Accept", "application/json")
        .GET()
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return false;
      }
      JsonNode body = JSON.readTree(response.body());
      return "UP".equals(body.path("status").asText());
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM: Boot shuts down gracefully (consumers leave their groups, Streams commits). */
  public void requestStop() {
    process.toHandle().destroy();
  }

  /** Waits up to {@code grace} after {@link #requestStop()}, then kills it. True if it stopped gracefully. */
  public boolean awaitStop(Duration grace) {
    try {
      process.onExit().get(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      process.toHandle().destroyForcibly();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.toHandle().destroyForcibly();
      return false;
    }
  }

  /** The last {@code lines} lines of its log, for the user when it fails. */
  public String logTail(int lines) {
    Deque<String> tail = new ArrayDeque<>(lines);
    try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
      all.forEach(line -> {
        if (tail.size() == lines) {
          tail.removeFirst();
        }
        tail.addLast(line);
      });
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
    return String.join(System.lineSeparator(), tail);
  }
}
