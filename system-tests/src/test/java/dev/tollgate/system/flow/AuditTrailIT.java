package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.StackEndpoints;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail as an auditor relies on it: verification notices a row edited straight in
 * PostgreSQL, and an export verifies offline with the public key but not after a one-byte change.
 */
@ExtendWith(LocalStackExtension.class)
class AuditTrailIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String AUDITOR = "audrey-token";

  private final JsonHttp http = new JsonHttp();

  @Test
  void verifyFindsARowEditedInTheDatabase(StackEndpoints stack) throws SQLException {
    String deploymentId = deployToStaging(stack, DeploymentRequests.uniqueModel("audit-tamper"));
    assertThat(verify(stack).path("valid").asBoolean()).as("trail intact before tampering").isTrue();

    try (Connection db = DriverManager.getConnection(stack.jdbcUrl("audit"), "postgres", "postgres")) {
      String original = actorOf(db, deploymentId, "ApprovalGranted");
      assertThat(original).isEqualTo("alice");
      setActor(db, deploymentId, "ApprovalGranted", "mallory");
      try {
        JsonNode tampered = verify(stack);
        assertThat(tampered.path("valid").asBoolean()).as(tampered.toString()).isFalse();
        assertThat(tampered.path("chains").findValues("firstBrokenLink"))
            .anyMatch(link -> !link.isNull() && link.path("seq").asLong() > 0);
      } finally {
        setActor(db, deploymentId, "ApprovalGranted", original);
      }
    }
    assertThat(verify(stack).path("valid").asBoolean()).as("trail intact once the row is restored").isTrue();
  }

  @Test
  void anExportVerifiesOfflineAndNotAfterAOneByteChange(StackEndpoints stack, @TempDir Path dir) throws Exception {
    String model = DeploymentRequests.uniqueModel("audit-export");
    deployToStaging(stack, model);

    JsonHttp.TextResponse export = http.getText(stack.audit().resolve("/api/v1/export?model=" + model), AUDITOR);
    assertThat(export.status()).as(export.body()).isEqualTo(200);
    Path exportFile = dir.resolve("export.ndjson");
    Files.writeString(exportFile, export.body());
    JsonNode keys = http.get(stack.audit().resolve("/api/v1/keys"), AUDITOR).body();
    Path key = dir.resolve("key.pem");
    Files.writeString(key, keys.path("keys").get(0).path("publicKeyPem").asText());

    Verification intact = verifyOffline(key, exportFile);
    assertThat(intact.exitCode()).as(intact.output()).isZero();
    assertThat(intact.output()).contains("VERIFIED");

    byte[] bytes = Files.readAllBytes(exportFile);
    int at = export.body().indexOf("alice");
    assertThat(at).as("the export names the approver").isPositive();
    bytes[at] = (byte) 'A';
    Path changed = dir.resolve("changed.ndjson");
    Files.write(changed, bytes);
    Verification broken = verifyOffline(key, changed);
    assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
    assertThat(broken.output()).contains("FAILED");
  }

  private String deployToStaging(StackEndpoints stack, String model) {
    Map<String, Object> request = DeploymentRequests.canary(model, "1.0.0", "staging", DeploymentRequests.digest());
    JsonHttp.Response created = http.post(stack.approval().resolve("/api/v1/deployments"), "ci-token", request,
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String deploymentId = created.body().path("deploymentId").asText();
    JsonHttp.Response approved = http.post(
        stack.approval().resolve("/api/v1/deployments/" + deploymentId + "/approve"), "alice-token", Map.of());
    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    URI timeline = stack.audit().resolve("/api/v1/deployments/" + deploymentId + "/timeline");
    Awaitility.await("audit trail holds the finished rollout").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> http.get(timeline, AUDITOR).body().path("events").toString().contains("RolloutPromoted"));
    return deploymentId;
  }

  private JsonNode verify(StackEndpoints stack) {
    JsonHttp.Response response = http.get(stack.audit().resolve("/api/v1/verify"), AUDITOR);
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body();
  }

  private static String actorOf(Connection db, String deploymentId, String eventType) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(
        "SELECT actor FROM audit_event WHERE deployment_id = ? AND event_type = ?")) {
      query.setString(1, deploymentId);
      query.setString(2, eventType);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).as("a %s row of %s", eventType, deploymentId).isTrue();
        return rows.getString(1);
      }
    }
  }

  private static void setActor(Connection db, String deploymentId, String eventType, String actor) throws SQLException {
    try (PreparedStatement update = db.prepareStatement(
        "UPDATE audit_event SET actor = ? WHERE deployment_id = ? AND event_type = ?")) {
      update.setString(1, actor);
      update.setString(2, deploymentId);
      update.setString(3, eventType);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private record Verification(int exitCode, String output) {}

  /** Runs the offline verifier the way an auditor would: {@code java -jar tollgate-audit-verify.jar}. */
  private static Verification verifyOffline(Path key, Path export) throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("tollgate.home", "..")).toAbsolutePath().normalize();
    Path jar = home.resolve("audit-verifier/target/tollgate-audit-verify.jar");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--public-key", key.toString(), export.toString()))
        .redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the offline verifier did not finish within 60 s");
    }
    return new Verification(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
