package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.StackEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * Drives deployments through the stack's REST APIs the way CI, an approver and an auditor do, and
 * waits for what rollout-service and audit-service make of them.
 */
final class Deployments {

  /** Generous: CI runs the whole stack on two cores. */
  static final Duration FLOW_TIMEOUT = Duration.ofSeconds(90);

  private static final String AUDITOR = "audrey-token";

  private static final Set<String> FINAL_STATUSES =
      Set.of("SUCCEEDED", "ROLLED_BACK", "ABORTED", "REJECTED", "CANCELLED", "SUPERSEDED");

  private final StackEndpoints stack;
  private final JsonHttp http = new JsonHttp();

  Deployments(StackEndpoints stack) {
    this.stack = stack;
  }

  /** CI requests the deployment and alice approves it (staging needs one approval); returns its id. */
  String requestAndApprove(Map<String, Object> request) {
    JsonHttp.Response created = http.post(stack.approval().resolve("/api/v1/deployments"), "ci-token", request);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String deploymentId = created.body().path("deploymentId").asText();
    JsonHttp.Response approved = http.post(
        stack.approval().resolve("/api/v1/deployments/" + deploymentId + "/approve"), "alice-token",
        Map.of("comment", "offline evaluation looks good"));
    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    assertThat(approved.body().path("status").asText()).isEqualTo("APPROVED");
    return deploymentId;
  }

  /**
   * Requests a deployment CI may have to retry: a production request is refused (422, promotion
   * order) until approval-service has seen its digest complete in staging. The same
   * Idempotency-Key on every try, so the retries are one request. Returns the 201's body.
   */
  JsonNode requestOnceAccepted(Map<String, Object> request) {
    String key = java.util.UUID.randomUUID().toString();
    AtomicReference<JsonHttp.Response> accepted = new AtomicReference<>();
    Awaitility.await("request accepted").atMost(FLOW_TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> {
          accepted.set(http.post(stack.approval().resolve("/api/v1/deployments"), "ci-token", request,
              Map.of("Idempotency-Key", key)));
          return accepted.get().status() == 201;
        });
    return accepted.get().body();
  }

  /**
   * Waits until the version's rollout state has {@code status}; fails at once, with the state and
   * the audit timeline, when it ends in another final status.
   */
  JsonNode awaitStatus(String model, String version, String environment, String deploymentId, String status) {
    AtomicReference<JsonNode> state = new AtomicReference<>();
    Awaitility.await(model + " " + version + " " + status).atMost(FLOW_TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> {
          JsonHttp.Response response = http.get(stack.rollout().resolve(
              "/api/v1/models/" + model + "/versions/" + version + "/environments/" + environment), null);
          state.set(response.body());
          String current = response.body().path("status").asText();
          if (response.status() == 200 && !current.equals(status) && FINAL_STATUSES.contains(current)) {
            throw new AssertionError(model + " " + version + " ended " + current + " instead of " + status
                + "; state " + response.body() + "; timeline " + timeline(deploymentId));
          }
          return response.status() == 200 && current.equals(status);
        });
    return state.get();
  }

  /** The deployment's audit timeline once {@code complete} holds for its event types. */
  JsonNode awaitTimeline(String deploymentId, Predicate<List<String>> complete) {
    AtomicReference<JsonNode> timeline = new AtomicReference<>();
    Awaitility.await("audit timeline of " + deploymentId).atMost(FLOW_TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> {
          timeline.set(timeline(deploymentId));
          return complete.test(eventTypes(timeline.get()));
        });
    return timeline.get();
  }

  /** What is live for the model, per environment. */
  JsonNode live(String model) {
    JsonHttp.Response response = http.get(stack.rollout().resolve("/api/v1/models/" + model + "/live"), null);
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body();
  }

  private JsonNode timeline(String deploymentId) {
    return http.get(stack.audit().resolve("/api/v1/deployments/" + deploymentId + "/timeline"), AUDITOR).body();
  }

  static List<String> eventTypes(JsonNode timeline) {
    List<String> types = new ArrayList<>();
    timeline.path("events").forEach(e -> types.add(e.path("eventType").asText()));
    return types;
  }

  /** The timeline's events of one type, in order. */
  static List<JsonNode> events(JsonNode timeline, String eventType) {
    List<JsonNode> events = new ArrayList<>();
    timeline.path("events").forEach(e -> {
      if (eventType.equals(e.path("eventType").asText())) {
        events.add(e);
      }
    });
    return events;
  }

  /** Every traffic command has its acknowledgement in the trail. */
  static boolean everyCommandAcknowledged(List<String> types) {
    long commands = types.stream().filter("TrafficCommand"::equals).count();
    return commands > 0 && commands == types.stream().filter("TrafficAck"::equals).count();
  }
}
