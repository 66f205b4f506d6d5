package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.ServingSimulatorControl;
import dev.tollgate.system.stack.StackEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A blue-green deployment after a first version is live: 2.0.0 runs as preview beside 1.0.0 (no
 * live traffic, its own health samples), its pre-promotion analysis passes, the switch gives it
 * 100 % with 1.0.0 kept on standby; then 2.0.0's simulator profile turns bad, the post-promotion
 * analysis fails and traffic switches straight back to 1.0.0, which stays live.
 */
@ExtendWith(LocalStackExtension.class)
class BlueGreenIT {

  @Test
  void aBadVersionAfterTheSwitchIsSwitchedBackToTheOldOne(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    ServingSimulatorControl simulator = new ServingSimulatorControl(stack);
    String model = DeploymentRequests.uniqueModel("bg-detector");
    String firstId = deployments.requestAndApprove(
        DeploymentRequests.canary(model, "1.0.0", "staging", DeploymentRequests.digest()));
    deployments.awaitStatus(model, "1.0.0", "staging", firstId, "SUCCEEDED");

    // post-promotion analysis: 15 measurements 2 s apart, long enough to turn the profile bad
    String blueGreenId = deployments.requestAndApprove(
        DeploymentRequests.blueGreen(model, "2.0.0", "staging", DeploymentRequests.digest(), 15, 60));
    Awaitility.await("switch to 2.0.0").atMost(Deployments.FLOW_TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> simulator.weightOf(model, "staging", "2.0.0") == 100);
    assertThat(previewVersions(simulator, model)).as("1.0.0 stays warm on standby").containsExactly("1.0.0");
    simulator.setProfile(model, "2.0.0", Map.of("errorRate", 0.2, "p99LatencyMs", 900));

    deployments.awaitStatus(model, "2.0.0", "staging", blueGreenId, "ROLLED_BACK");
    assertThat(simulator.weightOf(model, "staging", "1.0.0")).isEqualTo(100);
    assertThat(simulator.weightOf(model, "staging", "2.0.0")).isZero();
    JsonNode live = deployments.live(model);
    assertThat(live.get(0).path("modelVersion").asText()).as("the old version is still live").isEqualTo("1.0.0");
    assertThat(live.get(0).path("deploymentId").asText()).isEqualTo(firstId);

    JsonNode timeline = deployments.awaitTimeline(blueGreenId,
        types -> types.contains("RollbackCompleted") && Deployments.everyCommandAcknowledged(types));
    List<String> types = Deployments.eventTypes(timeline);
    assertThat(types).doesNotContain("RolloutPromoted", "RolloutAborted");
    assertThat(types.stream().filter(t -> !t.startsWith("Traffic")).toList()).containsSubsequence(
        "RolloutStarted", "StepStarted", "StepCompleted", // preview
        "StepStarted", "AnalysisPassed", "StepCompleted", // pre-promotion analysis
        "StepStarted", "StepCompleted", // switch
        "StepStarted", "AnalysisFailed", "RollbackTriggered", "RollbackCompleted");

    List<JsonNode> commands = Deployments.events(timeline, "TrafficCommand");
    assertThat(weights(commands.get(0))).as("preview").containsExactly(Map.entry("2.0.0", 0), Map.entry("1.0.0", 100));
    assertThat(commands.get(0).path("payload").path("previewVersions").get(0).asText()).isEqualTo("2.0.0");
    assertThat(weights(commands.get(1))).as("switch").containsExactly(Map.entry("2.0.0", 100), Map.entry("1.0.0", 0));
    assertThat(weights(commands.get(2))).as("switch back")
        .containsExactly(Map.entry("2.0.0", 0), Map.entry("1.0.0", 100));
    JsonNode passed = Deployments.events(timeline, "AnalysisPassed").get(0).path("payload");
    assertThat(passed.path("candidate").path("modelVersion").asText()).isEqualTo("2.0.0");
    assertThat(passed.path("candidate").path("sampleCount").asLong()).as("the preview's own samples")
        .isGreaterThanOrEqualTo(2);
    JsonNode rollback = Deployments.events(timeline, "RollbackTriggered").get(0).path("payload");
    assertThat(rollback.path("trigger").asText()).isEqualTo("ANALYSIS_FAILED");
    assertThat(rollback.path("rollbackToVersion").asText()).isEqualTo("1.0.0");
    assertThat(rollback.path("reason").asText()).contains("p99", "> max 500.0 ms");
    assertThat(rollback.path("evidence").path("p99LatencyMs").asDouble()).isBetween(855.0, 945.0);
  }

  private static Map<String, Integer> weights(JsonNode command) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    command.path("payload").path("weights")
        .forEach(w -> weights.put(w.path("modelVersion").asText(), w.path("weight").asInt()));
    return weights;
  }

  private static List<String> previewVersions(ServingSimulatorControl simulator, String model) {
    List<String> versions = new ArrayList<>();
    for (JsonNode split : simulator.traffic()) {
      if (model.equals(split.path("model").asText())) {
        split.path("previewVersions").forEach(v -> versions.add(v.asText()));
      }
    }
    return versions;
  }
}
