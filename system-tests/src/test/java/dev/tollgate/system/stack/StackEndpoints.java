package dev.tollgate.system.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running stack's parts listen, as local-stack reports them in its {@code stack.json}.
 *
 * @param kafkaBootstrap broker bootstrap servers
 * @param registryUrl schema registry base URL
 * @param services service name (e.g. {@code approval-service}) to base URL
 * @param jdbcUrls database name (e.g. {@code audit}) to JDBC URL; user and password are {@code postgres}
 * @param simulator the serving simulator's control API; null when the stack runs without it
 * @param descriptorFile the stack.json the launcher keeps current (it rewrites it when it restarts a service)
 */
public record StackEndpoints(String kafkaBootstrap, String registryUrl, Map<String, URI> services,
    Map<String, String> jdbcUrls, URI simulator, Path descriptorFile) {

  /** The PID a service runs as now, from the launcher's stack.json. */
  public long pidOf(String service) {
    try {
      JsonNode pid = new ObjectMapper().readTree(descriptorFile.toFile()).path("services").path(service).path("pid");
      if (!pid.canConvertToLong()) {
        throw new IllegalStateException(descriptorFile + " names no pid for " + service);
      }
      return pid.asLong();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + descriptorFile, e);
    }
  }

  /** The serving simulator's control API (profiles, traffic). */
  public URI simulator() {
    if (simulator == null) {
      throw new IllegalStateException("The stack reports no serving simulator (started with --no-simulator?)");
    }
    return simulator;
  }

  public URI approval() {
    return service("approval-service");
  }

  public URI rollout() {
    return service("rollout-service");
  }

  public URI audit() {
    return service("audit-service");
  }

  /** The JDBC URL of a service's database, as an operator (or an attacker) with access sees it. */
  public String jdbcUrl(String database) {
    String url = jdbcUrls.get(database);
    if (url == null) {
      throw new IllegalStateException("The stack reports no database " + database + "; it reported " + jdbcUrls.keySet());
    }
    return url;
  }

  private URI service(String name) {
    URI uri = services.get(name);
    if (uri == null) {
      throw new IllegalStateException("The stack reports no " + name + "; it reported " + services.keySet());
    }
    return uri;
  }
}
