package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.ServingSimulatorControl;
import dev.tollgate.system.stack.StackEndpoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bad canary rolled back to the last known-good version: 1.0.0 is promoted on healthy samples,
 * then 2.0.0 is given a bad health profile in the serving simulator (20 % errors, p99 900 ms)
 * before it is approved; its analysis fails on those numbers, traffic goes back to 1.0.0, and
 * 1.0.0 stays live.
 */
@ExtendWith(LocalStackExtension.class)
class CanaryRolledBackIT {

  @Test
  void aCanaryBreachingItsThresholdsIsRolledBackToTheLastKnownGoodVersion(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    ServingSimulatorControl simulator = new ServingSimulatorControl(stack);
    String model = DeploymentRequests.uniqueModel("fraud-detector");
    String goodId = deployments.requestAndApprove(
        DeploymentRequests.analysedCanary(model, "1.0.0", "staging", DeploymentRequests.digest()));
    deployments.awaitStatus(model, "1.0.0", "staging", goodId, "SUCCEEDED");

    simulator.setProfile(model, "2.0.0", Map.of("errorRate", 0.2, "p99LatencyMs", 900));
    String badId = deployments.requestAndApprove(
        DeploymentRequests.analysedCanary(model, "2.0.0", "staging", DeploymentRequests.digest()));

    JsonNode state = deployments.awaitStatus(model, "2.0.0", "staging", badId, "ROLLED_BACK");
    assertThat(state.path("deploymentId").asText()).isEqualTo(badId);
    JsonNode live = deployments.live(model);
    assertThat(live.size()).isEqualTo(1);
    assertThat(live.get(0).path("environment").asText()).isEqualTo("staging");
    assertThat(live.get(0).path("modelVersion").asText()).as("the last known-good version").isEqualTo("1.0.0");
    assertThat(live.get(0).path("deploymentId").asText()).isEqualTo(goodId);
    assertThat(simulator.weightOf(model, "staging", "1.0.0")).isEqualTo(100);
    assertThat(simulator.weightOf(model, "staging", "2.0.0")).isZero();

    JsonNode timeline = deployments.awaitTimeline(badId,
        types -> types.contains("RollbackCompleted") && Deployments.everyCommandAcknowledged(types));
    List<String> types = Deployments.eventTypes(timeline);
    assertThat(types).doesNotContain("RolloutPromoted");
    assertThat(types.stream().filter(t -> !t.startsWith("Traffic")).toList())
        .containsSubsequence("RolloutStarted", "RollbackTriggered", "RollbackCompleted");

    JsonNode started = Deployments.events(timeline, "RolloutStarted").get(0).path("payload");
    assertThat(started.path("baselineVersion").asText()).isEqualTo("1.0.0");

    JsonNode rollback = Deployments.events(timeline, "RollbackTriggered").get(0).path("payload");
    assertThat(rollback.path("trigger").asText()).isIn("ANALYSIS_FAILED", "METRIC_BREACH");
    assertThat(rollback.path("rollbackToVersion").asText()).isEqualTo("1.0.0");
    assertThat(rollback.path("reason").asText()).contains("error rate", "p99");
    JsonNode evidence = rollback.path("evidence");
    assertThat(evidence.path("modelVersion").asText()).isEqualTo("2.0.0");
    assertThat(evidence.path("sampleCount").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(evidence.path("requestCount").asLong()).isPositive();
    assertThat(evidence.path("errorRate").asDouble()).as("the bad profile's 20 % errors").isBetween(0.1, 0.3);
    assertThat(evidence.path("p99LatencyMs").asDouble()).as("the bad profile's p99 of 900 ms ± 5 %")
        .isBetween(855.0, 945.0);
    if (rollback.path("trigger").asText().equals("ANALYSIS_FAILED")) {
      JsonNode failed = Deployments.events(timeline, "AnalysisFailed").get(0).path("payload");
      assertThat(failed.path("candidate").path("errorRate").asDouble()).isGreaterThan(0.05);
      assertThat(failed.path("summary").asText()).contains("failed");
    }

    JsonNode completed = Deployments.events(timeline, "RollbackCompleted").get(0).path("payload");
    assertThat(completed.path("restoredVersion").asText()).isEqualTo("1.0.0");
    JsonNode restore = Deployments.events(timeline, "TrafficCommand").get(1).path("payload");
    Map<String, Integer> restoredWeights = new LinkedHashMap<>();
    restore.path("weights").forEach(w -> restoredWeights.put(w.path("modelVersion").asText(), w.path("weight").asInt()));
    assertThat(restoredWeights).containsExactly(Map.entry("2.0.0", 0), Map.entry("1.0.0", 100));
    assertThat(Deployments.events(timeline, "TrafficAck"))
        .allSatisfy(ack -> assertThat(ack.path("payload").path("applied").asBoolean()).isTrue());
  }
}
