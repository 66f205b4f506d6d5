package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.ServingSimulatorControl;
import dev.tollgate.system.stack.StackEndpoints;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A canary judged on live health and promoted: the stack's serving simulator applies and
 * acknowledges each traffic shift and reports healthy samples for the new version (its default
 * profile), the analysis step passes on those numbers, and the version goes to 100 %.
 */
@ExtendWith(LocalStackExtension.class)
class CanaryPromotedIT {

  @Test
  void aHealthyCanaryPassesItsAnalysisAndIsPromoted(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    String model = DeploymentRequests.uniqueModel("churn-predictor");
    String deploymentId = deployments.requestAndApprove(
        DeploymentRequests.analysedCanary(model, "1.0.0", "staging", DeploymentRequests.digest()));

    JsonNode state = deployments.awaitStatus(model, "1.0.0", "staging", deploymentId, "SUCCEEDED");

    assertThat(state.path("deploymentId").asText()).isEqualTo(deploymentId);
    assertThat(state.path("lastVerdict").asText()).startsWith("passed:");
    assertThat(state.path("weights").toString()).contains("\"modelVersion\":\"1.0.0\",\"weight\":100");
    assertThat(deployments.live(model).toString())
        .contains("\"environment\":\"staging\"").contains("\"modelVersion\":\"1.0.0\"");
    assertThat(new ServingSimulatorControl(stack).weightOf(model, "staging", "1.0.0"))
        .as("the simulated platform serves what rollout-service promoted").isEqualTo(100);

    JsonNode timeline = deployments.awaitTimeline(deploymentId,
        types -> types.contains("RolloutPromoted") && Deployments.everyCommandAcknowledged(types));
    List<String> types = Deployments.eventTypes(timeline);
    assertThat(types.stream().filter(t -> !t.startsWith("Traffic")).toList()).containsSubsequence(
        "DeploymentApproved", "RolloutStarted",
        "StepStarted", "StepCompleted",                       // setWeight 20, once acknowledged
        "StepStarted", "AnalysisPassed", "StepCompleted",     // two healthy measurements
        "StepStarted", "StepCompleted", "RolloutPromoted");   // setWeight 100
    assertThat(types).filteredOn("AnalysisPassed"::equals).hasSize(1);
    assertThat(types).noneMatch(t -> t.equals("AnalysisFailed") || t.startsWith("Rollback"));

    JsonNode passed = Deployments.events(timeline, "AnalysisPassed").get(0).path("payload");
    JsonNode candidate = passed.path("candidate");
    assertThat(passed.path("stepIndex").asInt()).isEqualTo(1);
    assertThat(candidate.path("modelVersion").asText()).isEqualTo("1.0.0");
    assertThat(candidate.path("sampleCount").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(candidate.path("requestCount").asLong()).isPositive();
    assertThat(candidate.path("errorRate").asDouble()).isBetween(0.0, 0.05);
    assertThat(candidate.path("p99LatencyMs").asDouble()).as("the default profile's p99 of 120 ms ± 5 %")
        .isBetween(114.0, 126.0);
    assertThat(passed.path("summary").asText()).contains("passed", "error rate", "p99");

    // each traffic shift applied and acknowledged once, by the simulator, caused by its command
    List<JsonNode> commands = Deployments.events(timeline, "TrafficCommand");
    List<JsonNode> acks = Deployments.events(timeline, "TrafficAck");
    assertThat(commands).hasSize(2);
    assertThat(acks).hasSize(2).allSatisfy(ack -> {
      assertThat(ack.path("actor").asText()).isEqualTo("system:serving-simulator");
      assertThat(ack.path("payload").path("applied").asBoolean()).isTrue();
    });
    Set<String> commandEventIds = commands.stream().map(c -> c.path("eventId").asText()).collect(Collectors.toSet());
    assertThat(acks).extracting(a -> a.path("causationId").asText()).containsExactlyInAnyOrderElementsOf(commandEventIds);
    assertThat(acks).extracting(a -> a.path("payload").path("commandId").asText()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(commands.stream().map(c -> c.path("payload").path("commandId").asText())
            .toList());
  }
}
