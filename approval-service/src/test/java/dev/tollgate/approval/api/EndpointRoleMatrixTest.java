package dev.tollgate.approval.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.approval.ApprovalServiceApplication;
import dev.tollgate.approval.gate.Gates;
import dev.tollgate.approval.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of the approver API against every role (ci, approver, operator, auditor, admin,
 * no token), on the whole application with a real PostgreSQL (no broker needed: events wait in
 * the outbox). Mutating calls each get a fresh deployment, so every cell is judged on its own.
 * Self-approval is a cell of its own: carol is the commit author of every request here.
 */
class EndpointRoleMatrixTest {

  static final String NONE = null;
  static final List<String> ROLES = List.of("ci-token", "alice-token", "olivia-token", "audrey-token",
      "admin-token", "none");

  static TestDatabase db;
  static ConfigurableApplicationContext app;
  static String base;
  static final HttpClient http = HttpClient.newHttpClient();
  static final JsonMapper json = JsonMapper.builder().build();
  static final AtomicInteger models = new AtomicInteger();

  @BeforeAll
  static void start() {
    db = TestDatabase.start();
    app = SpringApplication.run(ApprovalServiceApplication.class,
        "--server.port=0",
        "--spring.datasource.url=" + db.jdbcUrl(),
        "--spring.kafka.bootstrap-servers=127.0.0.1:9",
        "--spring.kafka.producer.properties.max.block.ms=500",
        "--spring.kafka.properties.schema.registry.url=mock://role-matrix",
        "--tollgate.outbox.poll-interval=1h");
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    db.close();
  }

  static HttpResponse<String> call(String method, String path, String token, String body) {
    var request = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null && !token.equals("none")) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String requestBody(String model) {
    return """
        {"modelName":"%s","modelVersion":"1.0.0","artifactDigest":"sha256:%s","environment":"staging",
         "source":{"gitCommit":"9f2c1e7","commitAuthor":"carol"},
         "profile":{"instanceType":"ml.g5","replicas":1,"location":"eu-west-1"}}
        """.formatted(model, "ab".repeat(32));
  }

  /** A new pending staging deployment of its own model (so no request supersedes another). */
  static String freshDeployment() {
    var created = call("POST", "/api/v1/deployments", "ci-token", requestBody("model-" + models.incrementAndGet()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json.readTree(created.body()).get("deploymentId").asString();
  }

  /** A fresh deployment whose rollout waits at gate "widen". */
  static String freshGate() {
    String id = freshDeployment();
    assertThat(call("POST", "/api/v1/deployments/" + id + "/approve", "bob-token", null).statusCode()).isEqualTo(200);
    app.getBean(Gates.class).requested(id, "widen", 1, 10, Instant.now(), UUID.randomUUID().toString());
    return id;
  }

  record Endpoint(String method, String path, String body, boolean fresh, boolean gate) {}

  static final Map<Endpoint, List<Integer>> MATRIX = new LinkedHashMap<>();

  static {
    // expected status for:                                   ci   approver operator auditor admin none
    MATRIX.put(new Endpoint("POST", "/api/v1/deployments", "NEW", false, false), List.of(201, 403, 403, 403, 403, 401));
    MATRIX.put(new Endpoint("GET", "/api/v1/deployments/{id}", null, true, false), List.of(200, 200, 200, 200, 200, 401));
    MATRIX.put(new Endpoint("GET", "/api/v1/deployments", null, false, false), List.of(200, 200, 200, 200, 200, 401));
    MATRIX.put(new Endpoint("POST", "/api/v1/deployments/{id}/approve", "{}", true, false),
        List.of(403, 200, 403, 403, 422, 401));
    MATRIX.put(new Endpoint("POST", "/api/v1/deployments/{id}/reject", "{\"reason\":\"no\"}", true, false),
        List.of(403, 200, 403, 403, 403, 401));
    MATRIX.put(new Endpoint("POST", "/api/v1/deployments/{id}/withdraw", "{\"reason\":\"oops\"}", true, false),
        List.of(200, 403, 403, 403, 200, 401));
    MATRIX.put(new Endpoint("POST", "/api/v1/deployments/{id}/comments", "{\"comment\":\"noted\"}", true, false),
        List.of(403, 200, 200, 403, 200, 401));
    MATRIX.put(new Endpoint("GET", "/api/v1/gates?status=PENDING", null, false, false),
        List.of(200, 200, 200, 200, 200, 401));
    MATRIX.put(new Endpoint("POST", "/api/v1/deployments/{id}/gates/widen/approve", "{}", true, true),
        List.of(403, 200, 403, 403, 403, 401));
    MATRIX.put(new Endpoint("POST", "/api/v1/deployments/{id}/gates/widen/reject", "{\"reason\":\"too risky\"}", true,
        true), List.of(403, 200, 403, 403, 403, 401));
    MATRIX.put(new Endpoint("GET", "/api/v1/approvals/pending", null, false, false),
        List.of(200, 200, 200, 200, 200, 401));
    // the test clock is off unless tollgate.dev.clock-control.enabled: no such endpoint, even for an admin
    MATRIX.put(new Endpoint("POST", "/dev/clock/advance", "{\"seconds\":60}", false, false),
        List.of(403, 403, 403, 403, 404, 401));
  }

  @TestFactory
  Stream<DynamicTest> everyEndpointAgainstEveryRole() {
    List<DynamicTest> tests = new ArrayList<>();
    MATRIX.forEach((endpoint, expected) -> {
      for (int i = 0; i < ROLES.size(); i++) {
        String token = ROLES.get(i);
        int status = expected.get(i);
        tests.add(DynamicTest.dynamicTest(endpoint.method() + " " + endpoint.path() + " as " + token + " -> " + status,
            () -> {
              String id = !endpoint.fresh() ? "none" : endpoint.gate() ? freshGate() : freshDeployment();
              String body = "NEW".equals(endpoint.body()) ? requestBody("new-" + models.incrementAndGet())
                  : endpoint.body();
              var response = call(endpoint.method(), endpoint.path().replace("{id}", id), token, body);
              assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
              if (status >= 400) {
                assertThat(response.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
                assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(status);
              }
            }));
      }
    });
    return tests.stream();
  }

  @Test
  void selfApprovalIsRefusedWith403ProblemForDeploymentsAndGates() {
    String id = freshDeployment();
    var self = call("POST", "/api/v1/deployments/" + id + "/approve", "carol-token", null);
    assertThat(self.statusCode()).isEqualTo(403);
    JsonNode problem = json.readTree(self.body());
    assertThat(problem.get("type").asString()).isEqualTo("https://tollgate.dev/problems/self-approval");
    assertThat(problem.get("detail").asString()).contains("carol authored the commit being deployed");

    String gated = freshGate();
    assertThat(call("POST", "/api/v1/deployments/" + gated + "/gates/widen/approve", "carol-token", null)
        .statusCode()).isEqualTo(403);
  }

  @Test
  void problemsFor404And409And422And400() {
    assertThat(call("POST", "/api/v1/deployments/nope/approve", "alice-token", null).statusCode()).isEqualTo(404);
    String id = freshDeployment();
    var gateMissing = call("POST", "/api/v1/deployments/" + id + "/gates/widen/approve", "alice-token", null);
    assertThat(gateMissing.statusCode()).isEqualTo(404);
    assertThat(json.readTree(gateMissing.body()).get("type").asString()).endsWith("/gate-not-found");

    var breakGlassWithoutReason = call("POST", "/api/v1/deployments/" + id + "/approve", "admin-token",
        "{\"breakGlass\":true}");
    assertThat(breakGlassWithoutReason.statusCode()).isEqualTo(400);
    assertThat(json.readTree(breakGlassWithoutReason.body()).get("errors").get(0).get("field").asString())
        .isEqualTo("reason");
    var breakGlassUnfrozen = call("POST", "/api/v1/deployments/" + id + "/approve", "admin-token",
        "{\"breakGlass\":true,\"reason\":\"hotfix\"}");
    assertThat(breakGlassUnfrozen.statusCode()).isEqualTo(422);
    assertThat(json.readTree(breakGlassUnfrozen.body()).get("rule").asString()).isEqualTo("break-glass");
    var breakGlassByApprover = call("POST", "/api/v1/deployments/" + id + "/approve", "alice-token",
        "{\"breakGlass\":true,\"reason\":\"hotfix\"}");
    assertThat(breakGlassByApprover.statusCode()).isEqualTo(403);

    assertThat(call("POST", "/api/v1/deployments/" + id + "/approve", "alice-token", null).statusCode()).isEqualTo(200);
    var again = call("POST", "/api/v1/deployments/" + id + "/withdraw", "ci-token", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json.readTree(again.body()).get("deploymentStatus").asString()).isEqualTo("APPROVED");

    var gated = freshGate();
    assertThat(call("POST", "/api/v1/deployments/" + gated + "/gates/widen/approve", "alice-token", null).statusCode())
        .isEqualTo(200);
    var closed = call("POST", "/api/v1/deployments/" + gated + "/gates/widen/approve", "bob-token", null);
    assertThat(closed.statusCode()).as("a decided gate takes no more votes").isEqualTo(409);
    var late = call("POST", "/api/v1/deployments/" + gated + "/gates/widen/reject", "bob-token",
        "{\"reason\":\"late\"}");
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(json.readTree(late.body()).get("gateStatus").asString()).isEqualTo("APPROVED");
  }

  @Test
  void myPendingApprovalsListWhatICanDecide() {
    String id = freshDeployment();
    String gated = freshGate();

    JsonNode alice = json.readTree(call("GET", "/api/v1/approvals/pending", "alice-token", null).body());
    assertThat(alice.get("deployments").findValuesAsString("deploymentId")).contains(id);
    assertThat(alice.get("gates").findValuesAsString("deploymentId")).contains(gated);

    JsonNode carol = json.readTree(call("GET", "/api/v1/approvals/pending", "carol-token", null).body());
    assertThat(carol.get("deployments").findValuesAsString("deploymentId")).as("carol wrote the commit")
        .doesNotContain(id);
    assertThat(carol.get("gates")).isEmpty();

    JsonNode ci = json.readTree(call("GET", "/api/v1/approvals/pending", "ci-token", null).body());
    assertThat(ci.get("deployments")).isEmpty();
    assertThat(ci.get("gates")).isEmpty();

    assertThat(call("POST", "/api/v1/deployments/" + id + "/approve", "alice-token", null).statusCode()).isEqualTo(200);
    JsonNode after = json.readTree(call("GET", "/api/v1/approvals/pending", "alice-token", null).body());
    assertThat(after.get("deployments").findValuesAsString("deploymentId")).doesNotContain(id);
  }
}
