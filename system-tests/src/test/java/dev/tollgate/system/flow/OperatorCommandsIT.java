package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.StackEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operator commands on the real stack are authenticated: an abort needs role operator (or admin)
 * and is recorded as the operator's, Alertmanager's webhook needs its own credential, and the
 * state reads stay public.
 */
@ExtendWith(LocalStackExtension.class)
class OperatorCommandsIT {

  private final JsonHttp http = new JsonHttp();

  @Test
  void anOperatorAbortsAndAlertmanagerRollsBackWithTheirOwnCredentials(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    String model = DeploymentRequests.uniqueModel("ranker");
    String goodId = deployments.requestAndApprove(
        DeploymentRequests.canary(model, "1.0.0", "staging", DeploymentRequests.digest()));
    deployments.awaitStatus(model, "1.0.0", "staging", goodId, "SUCCEEDED");

    // an operator aborts a long bake
    String abortedId = deployments.requestAndApprove(longBake(model, "2.0.0"));
    awaitBaking(stack, model, "2.0.0");
    URI abort = stack.rollout().resolve("/api/v1/deployments/" + abortedId + "/abort");
    Map<String, String> reason = Map.of("reason", "p99 is climbing");
    JsonHttp.Response anonymous = http.post(abort, null, reason);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
    assertThat(http.post(abort, "alice-token", reason).status()).as("an approver is no operator").isEqualTo(403);
    JsonHttp.Response accepted = http.post(abort, "olivia-token", reason);
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);

    deployments.awaitStatus(model, "2.0.0", "staging", abortedId, "ROLLED_BACK");
    JsonNode rollback = Deployments.events(deployments.awaitTimeline(abortedId,
        types -> types.contains("RollbackTriggered")), "RollbackTriggered").get(0);
    assertThat(rollback.path("payload").path("trigger").asText()).isEqualTo("MANUAL_ABORT");
    assertThat(rollback.path("payload").path("reason").asText()).isEqualTo("aborted by olivia: p99 is climbing");

    // Alertmanager's webhook, with its own token, rolls back the next one
    String alertedId = deployments.requestAndApprove(longBake(model, "3.0.0"));
    awaitBaking(stack, model, "3.0.0");
    URI alerts = stack.rollout().resolve("/api/v1/alerts");
    Map<String, Object> webhook = Map.of("status", "firing", "alerts", List.of(Map.of("status", "firing",
        "labels", Map.of("alertname", "HighErrorRate", "model", model, "environment", "staging"),
        "annotations", Map.of("summary", "5xx above 5%"))));
    assertThat(http.post(alerts, "olivia-token", webhook).status()).as("the webhook has its own credential")
        .isEqualTo(403);
    JsonHttp.Response handled = http.post(alerts, "alertmanager-token", webhook);
    assertThat(handled.status()).as(handled.body().toString()).isEqualTo(200);
    assertThat(handled.body().path("accepted").get(0).path("deploymentId").asText()).isEqualTo(alertedId);

    deployments.awaitStatus(model, "3.0.0", "staging", alertedId, "ROLLED_BACK");
    JsonNode alerted = Deployments.events(deployments.awaitTimeline(alertedId,
        types -> types.contains("RollbackTriggered")), "RollbackTriggered").get(0);
    assertThat(alerted.path("payload").path("trigger").asText()).isEqualTo("EXTERNAL_ALERT");
    assertThat(deployments.live(model).get(0).path("modelVersion").asText()).isEqualTo("1.0.0");
  }

  @Test
  void anOperatorPausesResumesAndPromotesARunningCanary(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    String model = DeploymentRequests.uniqueModel("ranker");
    String deploymentId = deployments.requestAndApprove(longBake(model, "1.0.0"));
    awaitBaking(stack, model, "1.0.0");
    URI commands = stack.rollout().resolve("/api/v1/deployments/" + deploymentId + "/");

    assertThat(http.post(commands.resolve("pause"), "alice-token", Map.of()).status()).isEqualTo(403);
    JsonHttp.Response paused = http.post(commands.resolve("pause"), "olivia-token",
        Map.of("reason", "checking the dashboards"));
    assertThat(paused.status()).as(paused.body().toString()).isEqualTo(202);
    assertThat(paused.body().path("command").asText()).isEqualTo("pause");
    deployments.awaitStatus(model, "1.0.0", "staging", deploymentId, "PAUSED");

    JsonHttp.Response resumed = http.post(commands.resolve("resume"), "olivia-token", Map.of());
    assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(202);
    awaitBaking(stack, model, "1.0.0");

    // the ten-minute bake is skipped: promote goes straight to 100 %
    JsonHttp.Response promoted = http.post(commands.resolve("promote"), "olivia-token", Map.of());
    assertThat(promoted.status()).as(promoted.body().toString()).isEqualTo(202);
    JsonNode done = deployments.awaitStatus(model, "1.0.0", "staging", deploymentId, "SUCCEEDED");
    assertThat(done.path("weights").toString()).contains("\"modelVersion\":\"1.0.0\",\"weight\":100");

    JsonNode timeline = deployments.awaitTimeline(deploymentId, types -> types.contains("RolloutPromoted"));
    List<String> types = Deployments.eventTypes(timeline);
    assertThat(types).containsSubsequence("RolloutPaused", "RolloutResumed", "StepCompleted", "RolloutPromoted");
    JsonNode pausedEvent = Deployments.events(timeline, "RolloutPaused").get(0);
    assertThat(pausedEvent.path("payload").path("reason").asText()).isEqualTo("paused by olivia: checking the dashboards");

    JsonHttp.Response late = http.post(commands.resolve("pause"), "olivia-token", Map.of());
    assertThat(late.status()).as("not an active rollout any more").isEqualTo(409);
    assertThat(late.header("Content-Type")).startsWith("application/problem+json");
  }

  /** 20 %, then a ten-minute bake: long enough to act on. */
  private static Map<String, Object> longBake(String model, String version) {
    Map<String, Object> body = DeploymentRequests.canary(model, version, "staging", DeploymentRequests.digest());
    body.put("strategy", Map.of("kind", "CANARY", "steps", List.of(
        Map.of("setWeight", 20), Map.of("pause", Map.of("durationSeconds", 600)), Map.of("setWeight", 100))));
    return body;
  }

  /** Waits, without a token (the state is public), until the rollout bakes at its pause. */
  private void awaitBaking(StackEndpoints stack, String model, String version) {
    URI state = stack.rollout().resolve("/api/v1/models/" + model + "/versions/" + version + "/environments/staging");
    Awaitility.await(model + " " + version + " baking").atMost(Deployments.FLOW_TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> {
          JsonNode body = http.get(state, null).body();
          return "ROLLING_OUT".equals(body.path("status").asText()) && body.path("currentStepIndex").asInt() >= 1;
        });
  }
}
