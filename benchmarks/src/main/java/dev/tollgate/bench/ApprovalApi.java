package dev.tollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** CI and an approver on approval-service's REST API, with the local stack's development tokens. */
public final class ApprovalApi {

  /** A canary that goes straight to 100 %. */
  public static final String STRAIGHT_TO_100 = "{\"kind\":\"CANARY\",\"steps\":[{\"setWeight\":100}]}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI approval;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ApprovalApi(URI approval) {
    this.approval = approval;
  }

  /** CI requests {@code model} {@code version} in staging with {@code strategyJson}; returns the deployment id. */
  public String request(String model, String version, String strategyJson) throws IOException, InterruptedException {
    String body = """
        {"modelName":"%s","modelVersion":"%s","environment":"staging",
         "artifactDigest":"sha256:%s",
         "source":{"gitCommit":"abc1234","commitAuthor":"bench-author"},
         "strategy":%s,
         "profile":{"instanceType":"ml.c6","replicas":1,"location":"eu-west-1"}}"""
        .formatted(model, version, (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""), strategyJson);
    return post(approval.resolve("/api/v1/deployments"), "ci-token", body, 201).path("deploymentId").asText();
  }

  /** alice approves (staging needs one approval), which starts the rollout. */
  public void approve(String deploymentId) throws IOException, InterruptedException {
    post(approval.resolve("/api/v1/deployments/" + deploymentId + "/approve"), "alice-token", "{}", 200);
  }

  /** Requests and approves; returns the deployment id. */
  public String deploy(String model, String version, String strategyJson) throws IOException, InterruptedException {
    String id = request(model, version, strategyJson);
    approve(id);
    return id;
  }

  private JsonNode post(URI uri, String token, String body, int expected) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
