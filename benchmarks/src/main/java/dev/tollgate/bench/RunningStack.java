package dev.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack a benchmark measures, as {@code ./tollgate-local} describes it in its stack.json.
 *
 * @param rollouts every rollout-service instance ({@code rollout-service}, {@code rollout-service-2} ...)
 * @param rolloutPids their processes, in the same order (0 where stack.json names none)
 * @param launcherPid the launcher JVM, which also runs the embedded broker and registry (0 if unknown)
 * @param auditJdbcUrl audit-service's database ({@code postgres.jdbcUrls.audit}), user and password in
 *     {@code postgresUser} / {@code postgresPassword}
 */
public record RunningStack(String kafkaBootstrap, String registryUrl, URI approval, URI rollout, URI audit,
    List<URI> rollouts, List<Long> rolloutPids, long launcherPid, String auditJdbcUrl, String postgresUser,
    String postgresPassword) {

  public static RunningStack read(Path stackJson) throws IOException {
    JsonNode json = new ObjectMapper().readTree(stackJson.toFile());
    JsonNode services = json.path("services");
    List<URI> rollouts = new ArrayList<>();
    List<Long> rolloutPids = new ArrayList<>();
    services.properties().forEach(e -> {
      if (e.getKey().startsWith("rollout-service")) {
        rollouts.add(URI.create(e.getValue().path("url").asText()));
        rolloutPids.add(e.getValue().path("pid").asLong(0));
      }
    });
    return new RunningStack(json.path("kafka").asText(), json.path("registry").asText(),
        url(services, "approval-service"), url(services, "rollout-service"), url(services, "audit-service"),
        List.copyOf(rollouts), List.copyOf(rolloutPids), json.path("launcherPid").asLong(0),
        json.path("postgres").path("jdbcUrls").path("audit").asText(null),
        json.path("postgres").path("user").asText("postgres"), json.path("postgres").path("password").asText("postgres"));
  }

  /** approval-service's URL; refused with the reason when the stack runs without it. */
  @Override
  public URI approval() {
    return required(approval, "approval-service");
  }

  /** The first rollout-service instance's URL; refused with the reason when the stack runs without it. */
  @Override
  public URI rollout() {
    return required(rollout, "rollout-service");
  }

  /** audit-service's URL; refused with the reason when the stack runs without it. */
  @Override
  public URI audit() {
    return required(audit, "audit-service");
  }

  private static URI required(URI url, String service) {
    if (url == null) {
      throw new IllegalStateException("this benchmark needs " + service + ", which the stack's stack.json does not list:"
          + " start the stack with it (./tollgate-local --services names the services it starts; all by default)");
    }
    return url;
  }

  private static URI url(JsonNode services, String name) {
    String url = services.path(name).path("url").asText(null);
    return url == null ? null : URI.create(url);
  }
}
