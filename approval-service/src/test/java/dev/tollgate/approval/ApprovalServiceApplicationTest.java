package dev.tollgate.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.approval.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application on a real PostgreSQL, with no broker reachable: it starts, serves the
 * contract end to end through the database and the outbox, and reports itself not ready.
 */
class ApprovalServiceApplicationTest {

  static TestDatabase db = TestDatabase.start();

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  final HttpClient http = HttpClient.newHttpClient();
  final JsonMapper json = JsonMapper.builder().build();

  HttpResponse<String> call(String method, String url, String token, String body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheContractAndIsNotReadyWithoutKafka() throws Exception {
    try (ConfigurableApplicationContext app = SpringApplication.run(ApprovalServiceApplication.class,
        "--server.port=0",
        "--spring.datasource.url=" + db.jdbcUrl(),
        "--spring.kafka.bootstrap-servers=127.0.0.1:9",
        "--spring.kafka.producer.properties.max.block.ms=500",
        "--spring.kafka.properties.schema.registry.url=mock://app-test",
        "--tollgate.outbox.poll-interval=1h")) {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      String body = """
          {"modelName":"fraud-detector","modelVersion":"2.0.0","artifactDigest":"sha256:%s",
           "environment":"production","source":{"commitAuthor":"dave"},
           "profile":{"instanceType":"ml.g5","replicas":1,"location":"eu-west-1"}}
          """.formatted("0f".repeat(32));

      // promotion order: production takes only digests that completed a rollout in staging
      var refused = call("POST", base + "/api/v1/deployments", "ci-token", body);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
      assertThat(json.readTree(refused.body()).get("rule").asString()).isEqualTo("promotion-order");
      assertThat(json.readTree(refused.body()).get("detail").asString())
          .contains("artifact sha256:" + "0f".repeat(32) + " of fraud-detector has not completed a rollout in staging");
      JdbcClient.create(db.dataSource()).sql("""
          INSERT INTO completed_rollout (model_name, artifact_digest, environment, model_version, deployment_id,
              completed_at, event_id)
          VALUES ('fraud-detector', :digest, 'staging', '2.0.0', 'staging-run', now(), 'evt-promoted')""")
          .param("digest", "sha256:" + "0f".repeat(32)).update();

      var created = call("POST", base + "/api/v1/deployments", "ci-token", body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonNode view = json.readTree(created.body());
      String id = view.get("deploymentId").asString();
      assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/deployments/" + id);
      assertThat(view.get("strategy").get("steps").size()).as("production default strategy").isEqualTo(7);

      assertThat(call("POST", base + "/api/v1/deployments/" + id + "/approve", "alice-token", null).statusCode())
          .isEqualTo(200);
      assertThat(call("POST", base + "/api/v1/deployments/" + id + "/approve", "carol-token", null).statusCode())
          .isEqualTo(200);
      var approved = call("POST", base + "/api/v1/deployments/" + id + "/approve", "bob-token",
          "{\"comment\":\"on call agrees\"}");
      assertThat(json.readTree(approved.body()).get("status").asString()).isEqualTo("APPROVED");
      assertThat(call("POST", base + "/api/v1/deployments/" + id + "/reject", "bob-token", "{\"reason\":\"x\"}")
          .statusCode()).isEqualTo(409);

      var pending = JdbcClient.create(db.dataSource())
          .sql("SELECT event_type FROM outbox WHERE deployment_id = :id AND sent_at IS NULL ORDER BY id")
          .param("id", id).query(String.class).list();
      assertThat(pending).containsExactly("DeploymentRequested", "ApprovalRequested", "ApprovalGranted",
          "ApprovalGranted", "ApprovalGranted", "DeploymentApproved");

      var health = call("GET", base + "/actuator/health", null, null);
      assertThat(health.statusCode()).isEqualTo(503);
      JsonNode components = json.readTree(health.body()).get("components");
      assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
      assertThat(components.get("deploymentRequestsConsumer").get("status").asString()).isEqualTo("DOWN");
      assertThat(components.get("rolloutsConsumer").get("status").asString()).isEqualTo("DOWN");
      assertThat(components.get("outbox").get("details").get("pending").asLong()).isEqualTo(6);

      assertThat(call("GET", base + "/v3/api-docs", null, null).body()).contains("/api/v1/deployments/{deploymentId}/approve");
      assertThat(call("GET", base + "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
      assertThat(call("GET", base + "/api/v1/deployments?status=APPROVED", "audrey-token", null).body()).contains(id);
    }
  }
}
