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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stage gates on the real stack. A staging canary reaches its gate and waits there (the state says
 * PAUSED and names the gate), approval-service is killed and restarted by the launcher while it
 * waits, the gate is then approved through approval-service's REST API (staging lists no gates:
 * one vote of role approver opens it), and the rollout goes on to 100 % with the decision in the
 * state and the audit timeline. And a gate of two votes ({@code two-keys}, added for the tests in
 * {@code it-stack-policies.yml}) keeps its first vote across an approval-service crash while the
 * rollout keeps waiting across a rollout-service crash; the second vote, cast while rollout-service
 * is down again, then opens it, once.
 */
@ExtendWith(LocalStackExtension.class)
class GateIT {

  private final JsonHttp http = new JsonHttp();

  @Test
  void aRolloutWaitsAtItsGateAcrossAnApprovalServiceCrashAndGoesOnOnceApproved(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    String model = DeploymentRequests.uniqueModel("gated");
    String deploymentId = startGatedCanary(deployments, model, "widen");

    JsonNode waiting = deployments.awaitStatus(model, "1.0.0", "staging", deploymentId, "PAUSED");
    assertThat(waiting.path("currentStepIndex").asInt()).isEqualTo(1);
    assertThat(waiting.path("lastVerdict").asText()).isEqualTo("awaiting gate widen (step 1)");
    JsonNode pending = awaitGate(stack, deploymentId, "PENDING");
    assertThat(pending.path("stepIndex").asInt()).isEqualTo(1);
    assertThat(pending.path("currentWeight").asInt()).isEqualTo(10);

    ServiceCrash.killAndAwaitRestart(stack, "approval-service", stack.approval());

    URI approve = stack.approval().resolve("/api/v1/deployments/" + deploymentId + "/gates/widen/approve");
    Map<String, String> comment = Map.of("comment", "10% looks healthy");
    assertThat(http.post(approve, "ci-token", comment).status()).as("CI is no approver").isEqualTo(403);
    assertThat(http.post(approve, "olivia-token", comment).status()).as("an operator is no approver")
        .isEqualTo(403);
    assertThat(stateOf(stack, model).path("status").asText()).as("still waiting at the gate").isEqualTo("PAUSED");
    JsonHttp.Response approved = http.post(approve, "alice-token", comment);
    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    assertThat(approved.body().path("status").asText()).isEqualTo("APPROVED");
    assertThat(http.post(approve, "bob-token", comment).status()).as("the gate is decided").isEqualTo(409);

    List<String> types = assertPromotedThroughGateOnce(deployments, model, deploymentId, "widen",
        "gate widen (step 1) approved by alice", "alice");
    assertThat(types.stream().filter(t -> !t.startsWith("Traffic")).toList()).containsSubsequence(
        "RolloutStarted", "StepStarted", "StepCompleted",    // setWeight 10
        "StepStarted", "GateRequested",                      // the gate
        "GateApprovalGranted", "GateApproved",               // alice's vote opens it
        "StepCompleted", "RolloutResumed",
        "StepStarted", "StepCompleted", "RolloutPromoted");  // setWeight 100
  }

  @Test
  void aVoteCastBeforeEitherServiceRestartsStillCountsAndTheSecondCastWhileRolloutServiceIsDownOpensTheGateOnce(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    String model = DeploymentRequests.uniqueModel("two-keys");
    String deploymentId = startGatedCanary(deployments, model, "two-keys");
    deployments.awaitStatus(model, "1.0.0", "staging", deploymentId, "PAUSED");
    awaitGate(stack, deploymentId, "PENDING");

    URI approve = stack.approval().resolve("/api/v1/deployments/" + deploymentId + "/gates/two-keys/approve");
    JsonHttp.Response first = http.post(approve, "alice-token", Map.of("comment", "ml-lead: 10% looks healthy"));
    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    assertThat(first.body().path("status").asText()).as("one vote of two").isEqualTo("PENDING");
    assertThat(voters(first.body())).containsExactly("alice");

    ServiceCrash.killAndAwaitRestart(stack, "approval-service", stack.approval());

    JsonNode afterApprovalCrash = awaitGate(stack, deploymentId, "PENDING");
    assertThat(voters(afterApprovalCrash)).as("alice's vote, read back after the crash").containsExactly("alice");
    assertThat(afterApprovalCrash.path("evaluation").toString())
        .contains("needs 1 more approval by role approver (has 1 of 2)")
        .contains("approved from group ml-lead by alice")
        .contains("needs 1 more approval from group sre");
    JsonHttp.Response again = http.post(approve, "alice-token", Map.of("comment", "me again"));
    assertThat(again.status()).as("her vote still counts, so she cannot cast it twice: " + again.body())
        .isEqualTo(409);
    assertWaitingAtTwoKeys(stateOf(stack, model));

    ServiceCrash.killAndAwaitRestart(stack, "rollout-service", stack.rollout());

    assertWaitingAtTwoKeys(deployments.awaitStatus(model, "1.0.0", "staging", deploymentId, "PAUSED"));
    assertThat(voters(awaitGate(stack, deploymentId, "PENDING"))).containsExactly("alice");

    // the deciding vote while rollout-service is down: GateApproved waits on Kafka for its successor
    AtomicReference<JsonHttp.Response> second = new AtomicReference<>();
    ServiceCrash.killAndAwaitRestart(stack, "rollout-service", stack.rollout(),
        () -> second.set(http.post(approve, "bob-token", Map.of("comment", "sre: error budget fine"))));
    assertThat(second.get().status()).as(second.get().body().toString()).isEqualTo(200);
    assertThat(second.get().body().path("status").asText()).as("two of two, ml-lead and sre").isEqualTo("APPROVED");
    assertThat(voters(second.get().body())).containsExactly("alice", "bob");

    List<String> types = assertPromotedThroughGateOnce(deployments, model, deploymentId, "two-keys",
        "gate two-keys (step 1) approved by alice, bob", "alice", "bob");
    assertThat(types.stream().filter(t -> !t.startsWith("Traffic")).toList()).containsSubsequence(
        "StepStarted", "GateRequested",                                // the gate, asked for once
        "GateApprovalGranted", "GateApprovalGranted", "GateApproved",  // alice before the crashes, bob in one
        "StepCompleted", "RolloutResumed",
        "StepStarted", "StepCompleted", "RolloutPromoted");            // setWeight 100
    assertThat(types).filteredOn("GateApprovalGranted"::equals).hasSize(2);
  }

  /**
   * Waits until the rollout succeeded at 100 % with {@code verdict}, and its timeline shows the gate
   * asked for once and opened once by {@code approvers}, with no rollback; returns the timeline's
   * event types for the test's own order checks.
   */
  private static List<String> assertPromotedThroughGateOnce(Deployments deployments, String model,
      String deploymentId, String gate, String verdict, String... approvers) {
    JsonNode done = deployments.awaitStatus(model, "1.0.0", "staging", deploymentId, "SUCCEEDED");
    assertThat(done.path("lastVerdict").asText()).isEqualTo(verdict);
    assertThat(done.path("weights").toString()).contains("\"modelVersion\":\"1.0.0\",\"weight\":100");

    JsonNode timeline = deployments.awaitTimeline(deploymentId, types -> types.contains("RolloutPromoted"));
    List<String> types = Deployments.eventTypes(timeline);
    assertThat(types).as("no restart asked for the gate again").filteredOn("GateRequested"::equals).hasSize(1);
    assertThat(types).as("the gate opened once").filteredOn("GateApproved"::equals).hasSize(1);
    JsonNode gateApproved = Deployments.events(timeline, "GateApproved").get(0).path("payload");
    assertThat(gateApproved.path("gate").asText()).isEqualTo(gate);
    assertThat(gateApproved.path("approvers").toString()).contains(approvers);
    assertThat(types).noneMatch(t -> t.startsWith("Rollback"));
    return types;
  }

  private static void assertWaitingAtTwoKeys(JsonNode state) {
    assertThat(state.path("status").asText()).as(state.toString()).isEqualTo("PAUSED");
    assertThat(state.path("currentStepIndex").asInt()).isEqualTo(1);
    assertThat(state.path("lastVerdict").asText()).isEqualTo("awaiting gate two-keys (step 1)");
  }

  /** Who voted on a gate, in the order the votes were cast. */
  private static List<String> voters(JsonNode gate) {
    List<String> voters = new ArrayList<>();
    gate.path("votes").forEach(vote -> voters.add(vote.path("voter").asText()));
    return voters;
  }

  private JsonNode stateOf(StackEndpoints stack, String model) {
    return http.get(stack.rollout().resolve("/api/v1/models/" + model + "/versions/1.0.0/environments/staging"), null)
        .body();
  }

  /** The deployment's gate as approval-service lists it, once it has {@code status}. */
  private JsonNode awaitGate(StackEndpoints stack, String deploymentId, String status) {
    AtomicReference<JsonNode> gate = new AtomicReference<>();
    Awaitility.await("gate of " + deploymentId + " " + status).atMost(Deployments.FLOW_TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> {
          JsonHttp.Response gates = http.get(stack.approval().resolve("/api/v1/gates?status=" + status), "alice-token");
          gates.body().forEach(g -> {
            if (deploymentId.equals(g.path("deploymentId").asText())) {
              gate.set(g);
            }
          });
          return gate.get() != null;
        });
    return gate.get();
  }

  /** Requests and approves {@code model} 1.0.0 in staging: 10 %, then the gate {@code gate}, then 100 %. */
  private static String startGatedCanary(Deployments deployments, String model, String gate) {
    Map<String, Object> request = DeploymentRequests.canary(model, "1.0.0", "staging", DeploymentRequests.digest());
    request.put("strategy", Map.of("kind", "CANARY", "steps", List.of(
        Map.of("setWeight", 10), Map.of("gate", Map.of("name", gate)), Map.of("setWeight", 100))));
    return deployments.requestAndApprove(request);
  }
}
