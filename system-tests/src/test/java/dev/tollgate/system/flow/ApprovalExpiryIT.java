package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.StackEndpoints;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An approval that expired does not count (issue 5), on the real stack with approval-service's
 * test clock ({@code --test-clock}): production needs one ml-lead and one sre approval, each
 * counting for 24 h (approval-ttl of production-v1). carol's approval ages past that, so bob's no
 * longer reaches quorum and the deployment view says carol's expired; carol approving afresh does.
 */
@ExtendWith(LocalStackExtension.class)
class ApprovalExpiryIT {

  /** Past production's approval-ttl of 24 h, well inside its request-ttl of 7 days. */
  private static final long A_DAY_AND_A_MINUTE = 24 * 3600 + 60;

  private final JsonHttp http = new JsonHttp();

  @Test
  void anExpiredApprovalDoesNotCountTowardsQuorumAndAFreshOneDoes(StackEndpoints stack) {
    Deployments deployments = new Deployments(stack);
    String model = DeploymentRequests.uniqueModel("credit-scorer");
    String digest = DeploymentRequests.digest();
    String stagingId = deployments.requestAndApprove(DeploymentRequests.canary(model, "2.1.0", "staging", digest));
    deployments.awaitStatus(model, "2.1.0", "staging", stagingId, "SUCCEEDED");
    String id = deployments.requestOnceAccepted(DeploymentRequests.canary(model, "2.1.0", "production", digest))
        .path("deploymentId").asText();
    URI approve = stack.approval().resolve("/api/v1/deployments/" + id + "/approve");
    URI clock = stack.approval().resolve("/dev/clock");

    JsonHttp.Response first = http.post(approve, "carol-token", Map.of("comment", "offline metrics ok"));
    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    assertThat(first.body().path("status").asText()).isEqualTo("PENDING_APPROVAL");
    try {
      JsonHttp.Response advanced = http.post(clock.resolve("/dev/clock/advance"), "admin-token",
          Map.of("seconds", A_DAY_AND_A_MINUTE));
      assertThat(advanced.status()).as(advanced.body().toString()).isEqualTo(200);
      assertThat(http.post(clock.resolve("/dev/clock/advance"), "alice-token", Map.of("seconds", 60)).status())
          .as("only an admin moves the clock").isEqualTo(403);

      JsonHttp.Response second = http.post(approve, "bob-token", Map.of("comment", "capacity ok"));
      assertThat(second.status()).as(second.body().toString()).isEqualTo(200);
      assertThat(second.body().path("status").asText()).as("carol's approval expired: no quorum")
          .isEqualTo("PENDING_APPROVAL");

      JsonNode view = http.get(stack.approval().resolve("/api/v1/deployments/" + id), "alice-token").body();
      assertThat(view.path("status").asText()).isEqualTo("PENDING_APPROVAL");
      assertThat(rule(view, "approvals-current").path("message").asText())
          .contains("approval by carol expired at").contains("no longer counts");
      assertThat(rule(view, "required-group:ml-lead").path("passed").asBoolean()).isFalse();
      assertThat(rule(view, "required-group:sre").path("passed").asBoolean()).isTrue();
      assertThat(rule(view, "required-approvals").path("message").asText()).contains("has 1 of 2");

      JsonHttp.Response renewed = http.post(approve, "carol-token", Map.of("comment", "still good"));
      assertThat(renewed.status()).as(renewed.body().toString()).isEqualTo(200);
      assertThat(renewed.body().path("status").asText()).isEqualTo("APPROVED");
      assertThat(rule(renewed.body(), "required-approvals").path("message").asText()).contains("bob", "carol");
    } finally {
      // one stack serves every IT of the run: the others run on the real time
      http.post(clock.resolve("/dev/clock/reset"), "admin-token", Map.of());
    }
  }

  private static JsonNode rule(JsonNode deployment, String rule) {
    for (JsonNode result : deployment.path("evaluation")) {
      if (rule.equals(result.path("rule").asText())) {
        return result;
      }
    }
    throw new AssertionError("no rule " + rule + " in " + deployment.path("evaluation"));
  }
}
