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
 */
public record RunningStack(String kafkaBootstrap, String registryUrl, URI approval, URI rollout, URI audit,
    List<URI> rollouts) {

  public static RunningStack read(Path stackJson) throws IOException {
    JsonNode json = new ObjectMapper().readTree(stackJson.toFile());
    JsonNode services = json.path("services");
    List<URI> rollouts = new ArrayList<>();
    services.properties().forEach(e -> {
      if (e.getKey().startsWith("rollout-service")) {
        rollouts.add(URI.create(e.getValue().path("url").asText()));
      }
    });
    return new RunningStack(json.path("kafka").asText(), json.path("registry").asText(),
        url(services, "approval-service"), url(services, "rollout-service"), url(services, "audit-service"),
        List.copyOf(rollouts));
  }

  private static URI url(JsonNode services, String name) {
    String url = services.path(name).path("url").asText(null);
    return url == null ? null : URI.create(url);
  }
}
