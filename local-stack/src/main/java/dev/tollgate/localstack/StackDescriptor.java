package dev.tollgate.localstack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <data-dir>/stack.json}: where a running stack's pieces are, for tests and tools. Written
 * only once everything is ready, atomically, so a reader never sees half a file; deleted on stop.
 *
 * @param kafka bootstrap servers
 * @param registry schema registry base URL
 * @param postgres PostgreSQL address, credentials and the services' JDBC URLs
 * @param services by name ({@code approval-service}, ...), empty with --infra-only
 * @param simulator the serving simulator's control API; null with --no-simulator
 * @param launcherPid the launcher JVM (it also runs the embedded broker and registry)
 * @param readySeconds from the launcher's main() to all ready
 */
@JsonPropertyOrder({"kafka", "registry", "postgres", "services", "simulator", "launcherPid", "readySeconds"})
public record StackDescriptor(
    String kafka,
    String registry,
    Postgres postgres,
    Map<String, Service> services,
    @JsonInclude(JsonInclude.Include.NON_NULL) Simulator simulator,
    long launcherPid,
    double readySeconds) {

  public static final String FILE_NAME = "stack.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public StackDescriptor {
    services = new LinkedHashMap<>(services);
    readySeconds = Math.round(readySeconds * 10) / 10.0;
  }

  @JsonPropertyOrder({"host", "port", "user", "password", "jdbcUrls"})
  public record Postgres(String host, int port, String user, String password, Map<String, String> jdbcUrls) {
    public Postgres {
      jdbcUrls = new LinkedHashMap<>(jdbcUrls);
    }
  }

  @JsonPropertyOrder({"url", "pid"})
  public record Service(String url, long pid) {}

  /** @param url base URL of the simulator's control API (profiles, traffic) */
  public record Simulator(String url) {}

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write stack descriptor", e);
    }
  }

  public static StackDescriptor fromJson(String json) {
    try {
      return JSON.readValue(json, StackDescriptor.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a stack descriptor: " + e.getMessage(), e);
    }
  }

  public static StackDescriptor read(Path file) {
    try {
      return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes to a temp file beside {@code file}, then renames it over {@code file}. */
  public void writeAtomically(Path file) {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(temp, toJson() + System.lineSeparator(), StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new LocalStackException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
