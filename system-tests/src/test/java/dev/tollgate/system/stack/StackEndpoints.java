package dev.tollgate.system.stack;

import java.net.URI;
import java.util.Map;

/**
 * Where the running stack's parts listen, as local-stack reports them in its {@code stack.json}.
 *
 * @param kafkaBootstrap broker bootstrap servers
 * @param registryUrl schema registry base URL
 * @param services service name (e.g. {@code approval-service}) to base URL
 * @param simulator the serving simulator's control API; null when the stack runs without it
 */
public record StackEndpoints(String kafkaBootstrap, String registryUrl, Map<String, URI> services, URI simulator) {

  /** A stack without a serving simulator. */
  public StackEndpoints(String kafkaBootstrap, String registryUrl, Map<String, URI> services) {
    this(kafkaBootstrap, registryUrl, services, null);
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

  private URI service(String name) {
    URI uri = services.get(name);
    if (uri == null) {
      throw new IllegalStateException("The stack reports no " + name + "; it reported " + services.keySet());
    }
    return uri;
  }
}
