package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.ServiceCrash;
import dev.tollgate.system.stack.StackEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * rollout-service killed (SIGKILL) in the middle of a canary: its successor takes the controller
 * state from Kafka and finishes the rollout with every step run exactly once.
 */
@ExtendWith(LocalStackExtension.class)
class RolloutControllerCrashIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(150);

  private final JsonHttp http = new JsonHttp();

  @Test
  void killedMidRolloutItResumesWithNoDuplicateOrSkippedStep(StackEndpoints stack) {
    String model = DeploymentRequests.uniqueModel("crash-canary");
    Map<String, Object> request = new LinkedHashMap<>(DeploymentRequests.canary(model, "5.0.0", "staging",
        DeploymentRequests.digest()));
    request.put("strategy", Map.of("kind", "CANARY", "steps", List.of(
        Map.of("setWeight", 10),
        Map.of("pause", Map.of("durationSeconds", 8)),
        Map.of("setWeight", 50),
        Map.of("pause", Map.of("durationSeconds", 2)),
        Map.of("setWeight", 100))));
    JsonHttp.Response created = http.post(stack.approval().resolve("/api/v1/deployments"), "ci-token", request,
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String deploymentId = created.body().path("deploymentId").asText();
    assertThat(http.post(stack.approval().resolve("/api/v1/deployments/" + deploymentId + "/approve"), "alice-token",
        Map.of()).status()).isEqualTo(200);

    URI state = stack.rollout().resolve("/api/v1/models/" + model + "/versions/5.0.0/environments/staging");
    Awaitility.await("rollout baking in its first pause").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> http.get(state, null).body().path("currentStepIndex").asInt(-1) == 1);

    ServiceCrash.killAndAwaitRestart(stack, "rollout-service", stack.rollout());

    Awaitility.await("rollout finished by the restarted controller").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> "SUCCEEDED".equals(http.get(state, null).body().path("status").asText()));

    URI timeline = stack.audit().resolve("/api/v1/deployments/" + deploymentId + "/timeline");
    Awaitility.await("audit trail complete").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> http.get(timeline, "audrey-token").body().path("events").toString().contains("RolloutPromoted"));
    JsonNode events = http.get(timeline, "audrey-token").body().path("events");
    assertThat(stepIndexes(events, "StepStarted")).containsExactly(0, 1, 2, 3, 4);
    assertThat(stepIndexes(events, "StepCompleted")).containsExactly(0, 1, 2, 3, 4);
    assertThat(count(events, "RolloutStarted")).isEqualTo(1);
    assertThat(count(events, "RolloutPromoted")).isEqualTo(1);
    assertThat(count(events, "TrafficCommand")).as("one command per weight: 10, 50, 100").isEqualTo(3);
  }

  private static List<Integer> stepIndexes(JsonNode events, String type) {
    List<Integer> indexes = new ArrayList<>();
    events.forEach(e -> {
      if (type.equals(e.path("eventType").asText())) {
        indexes.add(e.path("payload").path("stepIndex").asInt());
      }
    });
    return indexes;
  }

  private static long count(JsonNode events, String type) {
    long n = 0;
    for (JsonNode e : events) {
      if (type.equals(e.path("eventType").asText())) {
        n++;
      }
    }
    return n;
  }
}
