package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.StackEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One deployment through the three services on the real stack, driven only through their REST
 * APIs: CI requests, an approver approves, the rollout completes, the state is queryable, and the
 * audit trail holds every step in order.
 */
@ExtendWith(LocalStackExtension.class)
class WalkingSkeletonIT {

  private static final Duration FLOW_TIMEOUT = Duration.ofSeconds(90);

  private final JsonHttp http = new JsonHttp();

  @Test
  void oneDeploymentFlowsFromRequestToAuditTrail(StackEndpoints stack) {
    String model = DeploymentRequests.uniqueModel("fraud-detector");
    Map<String, Object> request = DeploymentRequests.canary(model, "1.4.0", "staging", DeploymentRequests.digest());
    String idempotencyKey = UUID.randomUUID().toString();

    // CI asks; a retry with the same key is the same deployment
    JsonHttp.Response created = http.post(stack.approval().resolve("/api/v1/deployments"), "ci-token", request,
        Map.of("Idempotency-Key", idempotencyKey));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String deploymentId = created.body().path("deploymentId").asText();
    assertThat(deploymentId).isNotBlank();
    assertThat(created.header("Location")).endsWith("/api/v1/deployments/" + deploymentId);
    assertThat(created.body().path("status").asText()).isEqualTo("PENDING_APPROVAL");
    assertThat(created.body().path("evaluation").findValuesAsText("passed")).contains("false");

    JsonHttp.Response retried = http.post(stack.approval().resolve("/api/v1/deployments"), "ci-token", request,
        Map.of("Idempotency-Key", idempotencyKey));
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.body().path("deploymentId").asText()).isEqualTo(deploymentId);

    // an approver approves; staging needs one approval
    JsonHttp.Response approved = http.post(
        stack.approval().resolve("/api/v1/deployments/" + deploymentId + "/approve"), "alice-token",
        Map.of("comment", "offline eval looks good"));
    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    assertThat(approved.body().path("status").asText()).isEqualTo("APPROVED");

    // rollout-service rolls it out and its Streams state says so
    AtomicReference<JsonNode> state = new AtomicReference<>();
    Awaitility.await("rollout state SUCCEEDED").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
      JsonHttp.Response response = http.get(
          stack.rollout().resolve("/api/v1/models/" + model + "/versions/1.4.0/environments/staging"), null);
      state.set(response.body());
      return response.status() == 200 && "SUCCEEDED".equals(response.body().path("status").asText());
    });
    JsonNode finalState = state.get();
    assertThat(finalState.path("deploymentId").asText()).isEqualTo(deploymentId);
    assertThat(texts(finalState.path("approvers"))).containsExactly("alice");
    assertThat(finalState.path("profile").path("location").asText()).isEqualTo("eu-west-1");
    assertThat(finalState.path("weights").toString()).contains("\"modelVersion\":\"1.4.0\"").contains("\"weight\":100");

    JsonHttp.Response live = http.get(stack.rollout().resolve("/api/v1/models/" + model + "/live"), null);
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.body().toString()).contains("\"environment\":\"staging\"").contains("\"modelVersion\":\"1.4.0\"");

    // audit-service holds every step, in order, each once. Traffic commands share the millisecond
    // of the step that sends them, so their place among those events is not asserted.
    List<String> expectedOrder = List.of(
        "DeploymentRequested", "ApprovalRequested", "ApprovalGranted", "DeploymentApproved",
        "RolloutStarted", "StepStarted", "StepCompleted", "StepStarted", "StepCompleted",
        "StepStarted", "StepCompleted", "StepStarted", "StepCompleted", "RolloutPromoted");
    AtomicReference<JsonNode> timeline = new AtomicReference<>();
    Awaitility.await("audit timeline complete").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofMillis(300)).until(() -> {
      JsonHttp.Response response = http.get(stack.audit().resolve("/api/v1/deployments/" + deploymentId + "/timeline"), "audrey-token");
      timeline.set(response.body());
      return response.status() == 200 && eventTypes(response.body()).contains("RolloutPromoted");
    });
    List<String> types = eventTypes(timeline.get());
    assertThat(types).containsSubsequence(expectedOrder);
    assertThat(types).filteredOn("DeploymentRequested"::equals).hasSize(1);
    assertThat(types).filteredOn("DeploymentApproved"::equals).hasSize(1);
    assertThat(types).filteredOn("StepStarted"::equals).hasSize(4);
    assertThat(types).filteredOn("StepCompleted"::equals).hasSize(4);
    assertThat(types).filteredOn("RolloutPromoted"::equals).hasSize(1);
    assertThat(types).as("one traffic command per weight: 20, 50, 100").filteredOn("TrafficCommand"::equals).hasSize(3);
    assertThat(types.stream().filter(t -> !t.equals("TrafficCommand")).reduce((a, b) -> b)).contains("RolloutPromoted");
    for (JsonNode event : timeline.get().path("events")) {
      assertThat(event.path("modelName").asText()).isEqualTo(model);
      assertThat(event.path("eventId").asText()).isNotBlank();
    }
    assertThat(actorOf(timeline.get(), "DeploymentRequested")).isEqualTo("ci:pipeline");
    assertThat(actorOf(timeline.get(), "ApprovalGranted")).isEqualTo("alice");
    assertThat(actorOf(timeline.get(), "RolloutStarted")).startsWith("system:");

    JsonHttp.Response verify = http.get(stack.audit().resolve("/api/v1/verify"), "audrey-token");
    assertThat(verify.status()).isEqualTo(200);
    assertThat(verify.body().path("valid").asBoolean()).as(verify.body().toString()).isTrue();
  }

  private static List<String> eventTypes(JsonNode timeline) {
    List<String> types = new ArrayList<>();
    timeline.path("events").forEach(e -> types.add(e.path("eventType").asText()));
    return types;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String actorOf(JsonNode timeline, String eventType) {
    for (JsonNode event : timeline.path("events")) {
      if (eventType.equals(event.path("eventType").asText())) {
        return event.path("actor").asText();
      }
    }
    throw new AssertionError("no " + eventType + " in " + timeline);
  }
}
