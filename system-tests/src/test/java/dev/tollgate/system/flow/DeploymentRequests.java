package dev.tollgate.system.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Deployment request bodies as CI sends them. */
final class DeploymentRequests {

  private DeploymentRequests() {}

  /** A unique model name, so tests sharing one stack never see each other's deployments. */
  static String uniqueModel(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String digest() {
    String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    return "sha256:" + hex;
  }

  /**
   * A canary judged on live health: 20 %, then two analysis measurements two seconds apart (error
   * rate at most 5 %, p99 at most 500 ms, at least two samples each), then 100 %.
   */
  static Map<String, Object> analysedCanary(String model, String version, String environment, String digest) {
    Map<String, Object> body = canary(model, version, environment, digest);
    Map<String, Object> analysis = new LinkedHashMap<>();
    analysis.put("intervalSeconds", 2);
    analysis.put("count", 2);
    analysis.put("maxErrorRate", 0.05);
    analysis.put("maxP99LatencyMs", 500);
    analysis.put("minSampleCount", 2);
    body.put("strategy", Map.of("kind", "CANARY", "steps", List.of(
        Map.of("setWeight", 20),
        Map.of("analysis", analysis),
        Map.of("setWeight", 100))));
    return body;
  }

  /** A canary with a one-second bake, ending at 100 %. */
  static Map<String, Object> canary(String model, String version, String environment, String digest) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("modelName", model);
    body.put("modelVersion", version);
    body.put("artifactDigest", digest);
    body.put("environment", environment);
    body.put("source", Map.of("gitCommit", "9f2c1e7", "commitAuthor", "dave", "pipelineRunUrl", "https://ci.example/run/42"));
    body.put("strategy", Map.of("kind", "CANARY", "steps", List.of(
        Map.of("setWeight", 20),
        Map.of("pause", Map.of("durationSeconds", 1)),
        Map.of("setWeight", 50),
        Map.of("setWeight", 100))));
    body.put("profile", Map.of(
        "instanceType", "ml.g5", "instanceSize", "xlarge", "replicas", 2,
        "location", "eu-west-1", "updateSchedule", "weekdays 09:00-17:00 Europe/Berlin"));
    return body;
  }

  /**
   * Blue-green: preview, pre-promotion analysis of the preview (two measurements two seconds apart),
   * switch, post-promotion analysis ({@code postCount} measurements two seconds apart), scale-down
   * after {@code scaleDownDelaySeconds}. Thresholds: error rate at most 5 %, p99 at most 500 ms, at
   * least two samples per measurement, one failed or inconclusive measurement in a row tolerated.
   */
  static Map<String, Object> blueGreen(String model, String version, String environment, String digest,
      int postCount, int scaleDownDelaySeconds) {
    Map<String, Object> body = canary(model, version, environment, digest);
    body.put("strategy", Map.of("kind", "BLUE_GREEN", "steps", List.of(
        Map.of("preview", Map.of()),
        Map.of("analysis", analysis(2, 2)),
        Map.of("switch", Map.of()),
        Map.of("analysis", analysis(2, postCount)),
        Map.of("scaleDown", Map.of("delaySeconds", scaleDownDelaySeconds)))));
    return body;
  }

  /** An A/B experiment: 50/50 for {@code durationSeconds} on {@code metric}, the winner promoted. */
  static Map<String, Object> experiment(String model, String version, String environment, String digest,
      String metric, int durationSeconds) {
    Map<String, Object> body = canary(model, version, environment, digest);
    body.put("strategy", Map.of("kind", "AB", "steps", List.of(
        Map.of("experiment", Map.of("candidateWeight", 50, "durationSeconds", durationSeconds, "metric", metric,
            "significance", 0.05, "promoteWinner", true)))));
    return body;
  }

  private static Map<String, Object> analysis(int intervalSeconds, int count) {
    Map<String, Object> analysis = new LinkedHashMap<>();
    analysis.put("intervalSeconds", intervalSeconds);
    analysis.put("count", count);
    analysis.put("failureLimit", 1);
    analysis.put("maxErrorRate", 0.05);
    analysis.put("maxP99LatencyMs", 500);
    analysis.put("minSampleCount", 2);
    return analysis;
  }
}
