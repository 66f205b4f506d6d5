package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.StackEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The handoff record on the real stack: 1.0.0 is promoted in staging, then 2.0.0 is approved,
 * analysed on live health and promoted; the operator taking 2.0.0 over reads its record from
 * audit-service, generated from the trail alone, and its rollback commands bring 1.0.0 back.
 */
@ExtendWith(LocalStackExtension.class)
class HandoffRecordIT {

  private static final String OPERATOR = "olivia-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonHttp http = new JsonHttp();

  @Test
  void anOperatorGetsTheRecordOfAPromotedVersionAndItsRollbackWorks(StackEndpoints stack) throws Exception {
    Deployments deployments = new Deployments(stack);
    String model = DeploymentRequests.uniqueModel("handoff");
    String goodDigest = DeploymentRequests.digest();
    String first = deployments.requestAndApprove(DeploymentRequests.canary(model, "1.0.0", "staging", goodDigest));
    deployments.awaitStatus(model, "1.0.0", "staging", first, "SUCCEEDED");
    String digest = DeploymentRequests.digest();
    String second = deployments.requestAndApprove(DeploymentRequests.analysedCanary(model, "2.0.0", "staging", digest));
    deployments.awaitStatus(model, "2.0.0", "staging", second, "SUCCEEDED");

    URI handoff = stack.audit().resolve("/api/v1/models/" + model + "/versions/2.0.0/handoff");
    AtomicReference<JsonHttp.TextResponse> response = new AtomicReference<>();
    Awaitility.await("handoff record lists the promotion").atMost(Deployments.FLOW_TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> {
          response.set(http.getText(handoff, OPERATOR));
          return response.get().status() == 200 && response.get().body().contains("Outcome: RolloutPromoted")
              && response.get().body().contains("| staging | `2.0.0` |");
        });
    assertThat(response.get().contentType()).isEqualToIgnoringCase("text/markdown;charset=UTF-8");
    String markdown = response.get().body();
    List<String> lines = markdown.lines().toList();

    assertThat(markdown).startsWith("# Handoff record: `" + model + "` `2.0.0`")
        .contains("| Environments | staging |")
        .contains("| Requested by | ci:pipeline |")
        .contains("| Deployments | `" + second + "` (staging) |")
        .contains("| Digest | `" + digest + "` |")
        .contains("| Git commit | `9f2c1e7` |")
        .contains("| Commit author | dave |")
        .contains("| Pipeline run | https://ci.example/run/42 |")
        .contains("| Instance type | ml.g5 |")
        .contains("| Instance size | xlarge |")
        .contains("| Replicas | 2 |")
        .contains("| Location / region | eu-west-1 |")
        .contains("| Update schedule | weekdays 09:00-17:00 Europe/Berlin |");

    String approver = lines.stream().filter(l -> l.contains("| alice |")).findFirst().orElseThrow();
    assertThat(approver).as("alice's approval row").contains("| approver").contains("| approved |")
        .contains("| offline evaluation looks good |").contains("rules passed");
    assertThat(markdown).contains("Outcome: DeploymentApproved");

    List<String> steps = lines.stream().filter(l -> l.matches("\\| \\d{4}-.*\\| (\\d+|—) \\| [A-Za-z]+ \\|.*")).toList();
    assertThat(steps).extracting(l -> l.split(" \\| ")[2]).containsSubsequence(
        "RolloutStarted", "StepStarted", "StepCompleted", "StepStarted", "AnalysisPassed", "StepCompleted",
        "StepStarted", "StepCompleted", "RolloutPromoted");
    String analysis = steps.stream().filter(l -> l.contains("| AnalysisPassed |")).findFirst().orElseThrow();
    assertThat(analysis).as("the numbers the analysis judged").contains("candidate 2.0.0:", " samples, ",
        " requests, ", "error rate ", "p99 ");
    assertThat(markdown).contains("Baseline: `1.0.0`. Outcome: RolloutPromoted at ")
        .contains(", replacing `1.0.0`.")
        .contains("This version was never rolled back.");

    assertThat(markdown).contains("| staging | `2.0.0` |")
        .contains("Live: `2.0.0`. Last known-good: `1.0.0`.")
        .contains(authority(stack.rollout()) + "/api/v1/models/" + model + "/environments/staging/live'")
        .contains(authority(stack.approval()) + "/api/v1/deployments' \\")
        .contains("\"modelVersion\": \"1.0.0\", \"environment\": \"staging\", \"artifactDigest\": \"" + goodDigest + "\"")
        .contains("/api/v1/deployments/'$DEPLOYMENT/approve");

    // the record's rollback, as an operator would paste it: request 1.0.0 again, approve, and it serves again
    String body = lines.get(lines.indexOf(lines.stream().filter(l -> l.contains("$CI_TOKEN")).findFirst()
        .orElseThrow()) + 1);
    assertThat(body).startsWith("  -d '");
    Map<?, ?> request = JSON.readValue(body.substring(body.indexOf('\'') + 1, body.lastIndexOf('\'')), Map.class);
    String rollback = deployments.requestAndApprove(new java.util.LinkedHashMap<>(
        request.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> (String) e.getKey(),
            e -> (Object) e.getValue()))));
    Awaitility.await("1.0.0 serves staging again").atMost(Deployments.FLOW_TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> deployments.live(model).toString().contains(rollback));
    assertThat(deployments.live(model).toString()).contains("\"modelVersion\":\"1.0.0\"");

    JsonHttp.Response unseen = http.get(stack.audit().resolve("/api/v1/models/" + model + "/versions/9.9.9/handoff"),
        OPERATOR);
    assertThat(unseen.status()).isEqualTo(404);
    assertThat(unseen.body().path("title").asText()).isEqualTo("Model version not found");
    assertThat(http.getText(handoff, "ci-token").status()).as("CI may not read it").isEqualTo(403);
    assertThat(http.getText(handoff, "audrey-token").status()).as("auditors may").isEqualTo(200);
  }

  /** {@code http://host:port} of a service on this stack: the record's commands point at the real ports. */
  private static String authority(java.net.URI service) {
    return service.getScheme() + "://" + service.getAuthority();
  }
}
