package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.ServingSimulatorControl;
import dev.tollgate.system.stack.StackEndpoints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An A/B experiment between two versions with clearly different latency: the live 1.0.0 answers
 * with p99 300 ms, the candidate 2.0.0 with 100 ms. After a 50/50 split for a few seconds the
 * Mann-Whitney test names 2.0.0 the winner with p below the significance, and since the strategy
 * says {@code promoteWinner}, 2.0.0 is promoted.
 */
@ExtendWith(LocalStackExtension.class)
class AbExperimentIT {

  @Test
  void theFasterVersionWinsTheExperimentAndIsPromoted(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    ServingSimulatorControl simulator = new ServingSimulatorControl(stack);
    String model = DeploymentRequests.uniqueModel("ab-ranker");
    simulator.setProfile(model, "1.0.0", Map.of("p99LatencyMs", 300));
    simulator.setProfile(model, "2.0.0", Map.of("p99LatencyMs", 100));
    String baselineId = deployments.requestAndApprove(
        DeploymentRequests.canary(model, "1.0.0", "staging", DeploymentRequests.digest()));
    deployments.awaitStatus(model, "1.0.0", "staging", baselineId, "SUCCEEDED");

    String candidateId = deployments.requestAndApprove(
        DeploymentRequests.experiment(model, "2.0.0", "staging", DeploymentRequests.digest(), "p99_latency_ms", 5));

    deployments.awaitStatus(model, "2.0.0", "staging", candidateId, "SUCCEEDED");
    assertThat(deployments.live(model).get(0).path("modelVersion").asText()).isEqualTo("2.0.0");
    JsonNode timeline = deployments.awaitTimeline(candidateId,
        types -> types.contains("RolloutPromoted") && Deployments.everyCommandAcknowledged(types));
    List<String> types = Deployments.eventTypes(timeline);
    assertThat(types.stream().filter(t -> !t.startsWith("Traffic")).toList())
        .containsSubsequence("RolloutStarted", "StepStarted", "ExperimentConcluded", "StepCompleted", "RolloutPromoted");

    JsonNode result = Deployments.events(timeline, "ExperimentConcluded").get(0).path("payload");
    assertThat(result.path("metric").asText()).isEqualTo("p99_latency_ms");
    assertThat(result.path("winnerVersion").asText()).isEqualTo("2.0.0");
    assertThat(result.path("pValue").asDouble()).isLessThan(0.05);
    assertThat(result.path("candidateValueCount").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(result.path("baselineValueCount").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(result.path("candidateMedian").asDouble()).as("100 ms ± 5 %").isBetween(95.0, 105.0);
    assertThat(result.path("baselineMedian").asDouble()).as("300 ms ± 5 %").isBetween(285.0, 315.0);
    assertThat(result.path("u").asDouble()).as("every candidate value below every baseline value").isZero();
    assertThat(result.path("summary").asText()).startsWith("p99_latency_ms: 2.0.0 is better");
  }
}
