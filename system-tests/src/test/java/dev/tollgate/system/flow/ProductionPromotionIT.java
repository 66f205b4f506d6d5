package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.StackEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Production governance on the real stack: production refuses an artifact until the same digest
 * completed a rollout in staging, then holds it until approvals from both required groups arrive,
 * and refuses the commit author's own approval.
 */
@ExtendWith(LocalStackExtension.class)
class ProductionPromotionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final JsonHttp http = new JsonHttp();

  @Test
  void productionNeedsTheDigestDoneInStagingAndBothRequiredGroups(StackEndpoints stack) {
    URI deployments = stack.approval().resolve("/api/v1/deployments");
    String model = DeploymentRequests.uniqueModel("churn-model");
    String digest = DeploymentRequests.digest();

    // production first: refused, the digest never ran in staging
    Map<String, Object> production = request(model, "production", digest);
    JsonHttp.Response refused = http.post(deployments, "ci-token", production, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.body().path("rule").asText()).isEqualTo("promotion-order");
    assertThat(refused.body().path("detail").asText()).contains(digest).contains("staging");

    // the same digest through staging, to the end of its rollout
    JsonHttp.Response staged = http.post(deployments, "ci-token", request(model, "staging", digest),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(staged.status()).as(staged.body().toString()).isEqualTo(201);
    String stagingId = staged.body().path("deploymentId").asText();
    assertThat(http.post(deployments.resolve("/api/v1/deployments/" + stagingId + "/approve"), "carol-token", Map.of()).status())
        .isEqualTo(200);
    Awaitility.await("staging rollout done").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> "SUCCEEDED".equals(http.get(
            stack.rollout().resolve("/api/v1/models/" + model + "/versions/3.0.0/environments/staging"), null)
            .body().path("status").asText()));

    // now production accepts it, once approval-service has seen the rollout complete
    String productionId = new Deployments(stack).requestOnceAccepted(production).path("deploymentId").asText();
    URI approve = deployments.resolve("/api/v1/deployments/" + productionId + "/approve");

    // the commit author may not approve their own change
    JsonHttp.Response self = http.post(approve, "alice-token", Map.of());
    assertThat(self.status()).as(self.body().toString()).isEqualTo(403);
    assertThat(self.body().path("type").asText()).endsWith("/self-approval");
    assertThat(self.body().path("detail").asText()).contains("alice");

    // one ml-lead approval is not enough: production also needs sre
    JsonHttp.Response first = http.post(approve, "carol-token", Map.of("comment", "metrics reviewed"));
    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    assertThat(first.body().path("status").asText()).isEqualTo("PENDING_APPROVAL");
    assertThat(first.body().path("evaluation").toString()).contains("sre");

    JsonHttp.Response second = http.post(approve, "bob-token", Map.of("comment", "capacity ok"));
    assertThat(second.status()).as(second.body().toString()).isEqualTo(200);
    assertThat(second.body().path("status").asText()).isEqualTo("APPROVED");
    assertThat(second.body().path("policyVersion").asText()).startsWith("production");

    Awaitility.await("production rollout done").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> "SUCCEEDED".equals(http.get(
            stack.rollout().resolve("/api/v1/models/" + model + "/versions/3.0.0/environments/production"), null)
            .body().path("status").asText()));
    JsonHttp.Response state = http.get(
        stack.rollout().resolve("/api/v1/models/" + model + "/versions/3.0.0/environments/production"), null);
    assertThat(state.body().path("approvers").toString()).contains("carol").contains("bob").doesNotContain("alice");
  }

  /** Alice wrote the commit, so she may not approve it. */
  private static Map<String, Object> request(String model, String environment, String digest) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("modelName", model);
    body.put("modelVersion", "3.0.0");
    body.put("artifactDigest", digest);
    body.put("environment", environment);
    body.put("source", Map.of("gitCommit", "77aa0c1", "commitAuthor", "alice"));
    body.put("strategy", Map.of("kind", "CANARY", "steps", List.of(Map.of("setWeight", 50), Map.of("setWeight", 100))));
    body.put("profile", Map.of("instanceType", "ml.m6", "replicas", 3, "location", "eu-central-1"));
    return body;
  }
}
