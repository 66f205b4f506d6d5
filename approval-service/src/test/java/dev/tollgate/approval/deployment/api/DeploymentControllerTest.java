package dev.tollgate.approval.deployment.api;

import static dev.tollgate.approval.support.Fixtures.ALICE;
import static dev.tollgate.approval.support.Fixtures.CI;
import static dev.tollgate.approval.support.Fixtures.ENVIRONMENTS;
import static dev.tollgate.approval.support.Fixtures.STAGING;
import static dev.tollgate.approval.support.Fixtures.request;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.approval.deployment.DecisionRefusedException;
import dev.tollgate.approval.deployment.DeploymentDecisions;
import dev.tollgate.approval.deployment.DeploymentIntake;
import dev.tollgate.approval.deployment.DeploymentNotFoundException;
import dev.tollgate.approval.deployment.DeploymentQueries;
import dev.tollgate.approval.deployment.UnknownEnvironmentException;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentStatus;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.deployment.domain.Refusal;
import dev.tollgate.approval.policy.Actor;
import dev.tollgate.approval.security.SecurityConfiguration;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The HTTP contract: status codes, Location, problem details, roles. */
@WebMvcTest(DeploymentController.class)
@Import(SecurityConfiguration.class)
class DeploymentControllerTest {

  static final String BODY = """
      {"modelName":"fraud-detector","modelVersion":"1.4.0",
       "artifactDigest":"sha256:%s","environment":"staging",
       "source":{"gitCommit":"9f2c1e7","commitAuthor":"dave","pipelineRunUrl":"https://ci.example/run/42"},
       "strategy":{"kind":"CANARY","steps":[{"setWeight":20},{"pause":{"durationSeconds":1}},{"setWeight":50},{"setWeight":100}]},
       "profile":{"instanceType":"ml.g5","instanceSize":"xlarge","replicas":2,"location":"eu-west-1","updateSchedule":"weekdays 09:00-17:00 Europe/Berlin"}}
      """.formatted("ab".repeat(32));

  @Autowired MockMvc mvc;
  @MockitoBean DeploymentIntake intake;
  @MockitoBean DeploymentDecisions decisions;
  @MockitoBean DeploymentQueries queries;

  final Clock clock = Clock.systemUTC();
  Deployment deployment;

  @BeforeEach
  void setUp() {
    deployment = Deployment.submit("d-1", request("staging", "key-1"), CI, STAGING, Intake.rest(), clock).deployment();
    when(queries.evaluate(any())).thenAnswer(inv -> {
      Deployment d = inv.getArgument(0);
      return d.evaluate(ENVIRONMENTS.find(d.request().environment()).orElseThrow().policy(), clock.instant());
    });
  }

  ResultActions postAs(String path, String token, String body) throws Exception {
    var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
        .contentType(MediaType.APPLICATION_JSON).content(body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return mvc.perform(request);
  }

  @Test
  void ciCreatesADeployment() throws Exception {
    when(intake.submit(any(), any(), any(), isNull())).thenReturn(new DeploymentIntake.Outcome.Created(deployment));

    mvc.perform(post("/api/v1/deployments").header("Authorization", "Bearer ci-token")
            .header("Idempotency-Key", "key-1").contentType(MediaType.APPLICATION_JSON).content(BODY))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/deployments/d-1"))
        .andExpect(jsonPath("$.deploymentId").value("d-1"))
        .andExpect(jsonPath("$.status").value("PENDING_APPROVAL"))
        .andExpect(jsonPath("$.requestedBy").value("ci:pipeline"))
        .andExpect(jsonPath("$.policyVersion").value("staging-v1"))
        .andExpect(jsonPath("$.strategy.steps[1].pause.durationSeconds").value(1))
        .andExpect(jsonPath("$.strategy.steps[0].pause").doesNotExist())
        .andExpect(jsonPath("$.profile.replicas").value(2))
        .andExpect(jsonPath("$.source.commitAuthor").value("dave"))
        .andExpect(jsonPath("$.evaluation[?(@.rule == 'required-approvals')].passed").value(hasItem(false)))
        .andExpect(jsonPath("$.approvals").isEmpty());

    verify(intake).submit(eq(request("staging", "key-1")), eq(new Actor("ci:pipeline", java.util.Set.of("ci"),
        java.util.Set.of())), any(Intake.Rest.class), isNull());
  }

  @Test
  void aRetriedRequestAnswers200WithTheSameDeployment() throws Exception {
    when(intake.submit(any(), any(), any(), isNull())).thenReturn(new DeploymentIntake.Outcome.Existing(deployment));

    mvc.perform(post("/api/v1/deployments").header("Authorization", "Bearer ci-token")
            .header("Idempotency-Key", "key-1").contentType(MediaType.APPLICATION_JSON).content(BODY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.deploymentId").value("d-1"));
  }

  @Test
  void missingOrUnknownTokensAre401Problems() throws Exception {
    postAs("/api/v1/deployments", null, BODY)
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/unauthenticated"))
        .andExpect(jsonPath("$.status").value(401));
    postAs("/api/v1/deployments", "not-a-token", BODY)
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value("unknown bearer token"));
    mvc.perform(get("/api/v1/deployments/d-1").header("Authorization", "Basic YWxpY2U6cHc="))
        .andExpect(status().isUnauthorized());
    verify(intake, never()).submit(any(), any(), any(), any());
  }

  @Test
  void wrongRolesAre403Problems() throws Exception {
    postAs("/api/v1/deployments", "alice-token", BODY)
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/forbidden"));
    postAs("/api/v1/deployments/d-1/approve", "ci-token", "{}").andExpect(status().isForbidden());
    postAs("/api/v1/deployments/d-1/approve", "olivia-token", "{}").andExpect(status().isForbidden());
  }

  @Test
  void everyBadFieldIsNamed() throws Exception {
    String body = """
        {"modelName":"team/fraud","modelVersion":"","artifactDigest":"sha256:XYZ","environment":"Staging!",
         "source":{"pipelineRunUrl":"ftp://x"},
         "strategy":{"kind":"CANARY","steps":[{"setWeight":150},{"setWeight":10,"pause":{}},{"pause":{"durationSeconds":-1}}]},
         "profile":{"instanceType":"ml.g5","replicas":0,"location":"eu-west-1"}}
        """;
    postAs("/api/v1/deployments", "ci-token", body)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/invalid-request"))
        .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("modelName", "modelVersion",
            "modelVersion", "artifactDigest", "environment", "source.pipelineRunUrl", "strategy.steps[0].setWeight",
            "strategy.steps[1]", "strategy.steps[2].pause.durationSeconds", "profile.replicas")))
        .andExpect(jsonPath("$.errors[?(@.field == 'artifactDigest')].reason")
            .value(hasItem("must be sha256: followed by 64 lowercase hex digits")));
    verify(intake, never()).submit(any(), any(), any(), any());
  }

  @Test
  void aStrategyRolloutServiceWouldRefuseIs422NamingEachStep() throws Exception {
    String strategy = """
        "strategy":{"kind":"CANARY","steps":[{"setWeight":20},{"preview":{}},
          {"analysis":{"maxErrorRate":0.05,"intervalSeconds":30,"count":2,"failureLimit":2}}]},""";
    postAs("/api/v1/deployments", "ci-token", BODY.replaceFirst("\"strategy\":\\{.*\\]\\},", strategy))
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/invalid-strategy"))
        .andExpect(jsonPath("$.title").value("Invalid strategy"))
        .andExpect(jsonPath("$.status").value(422))
        .andExpect(jsonPath("$.detail").value("invalid strategy: step 1 (preview): belongs to a BLUE_GREEN strategy,"
            + " not CANARY; step 2 (analysis): failureLimit must be between 0 and count - 1"))
        .andExpect(jsonPath("$.errors[0].field").value("strategy.steps[1]"))
        .andExpect(jsonPath("$.errors[0].reason").value("belongs to a BLUE_GREEN strategy, not CANARY"))
        .andExpect(jsonPath("$.errors[1].field").value("strategy.steps[2]"))
        .andExpect(jsonPath("$.errors[1].reason").value("failureLimit must be between 0 and count - 1"));
    verify(intake, never()).submit(any(), any(), any(), any());
  }

  @Test
  void ruleBrokenByTheWholeStrategyIsNamedAsTheStrategy() throws Exception {
    // well-formed JSON, and each step alone is fine: only the strategy rules see what is missing
    postAs("/api/v1/deployments", "ci-token", BODY.replaceFirst("\"strategy\":\\{.*\\]\\},",
            "\"strategy\":{\"kind\":\"BLUE_GREEN\",\"steps\":[{\"preview\":{}},{\"pause\":{\"durationSeconds\":0}}]},"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("strategy.steps[1]", "strategy")))
        .andExpect(jsonPath("$.errors[?(@.field == 'strategy')].reason")
            .value(hasItem("a BLUE_GREEN strategy needs exactly one switch step, has 0")))
        .andExpect(jsonPath("$.errors[?(@.field == 'strategy.steps[1]')].reason")
            .value(hasItem("duration must be positive (omit it to pause until resumed)")));
    verify(intake, never()).submit(any(), any(), any(), any());
  }

  @Test
  void aStepValueOutOfRangeIs422NamingTheStepAndTheField() throws Exception {
    postAs("/api/v1/deployments", "ci-token", BODY.replaceFirst("\"strategy\":\\{.*\\]\\},",
            "\"strategy\":{\"kind\":\"CANARY\",\"steps\":[{\"setWeight\":20},{\"setWeight\":150},{\"setWeight\":100}]},"))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/invalid-strategy"))
        .andExpect(jsonPath("$.detail").value(containsString("strategy.steps[1].setWeight")))
        .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("strategy.steps[1].setWeight")))
        .andExpect(jsonPath("$.errors[0].reason").value("must be less than or equal to 100"));
    verify(intake, never()).submit(any(), any(), any(), any());
  }

  @Test
  void shapeErrorsStay400EvenWhenTheStrategyAlsoBreaksARule() throws Exception {
    postAs("/api/v1/deployments", "ci-token", BODY.replace("{\"setWeight\":20}", "{\"preview\":{}}")
            .replace("\"replicas\":2", "\"replicas\":0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("profile.replicas")));
  }

  @Test
  void unreadableJsonNamesTheFieldWhenItCan() throws Exception {
    postAs("/api/v1/deployments", "ci-token", BODY.replace("\"replicas\":2", "\"replicas\":\"many\""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("profile.replicas"));
    postAs("/api/v1/deployments", "ci-token", BODY.replace("\"kind\":\"CANARY\"", "\"kind\":\"RAINBOW\""))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("strategy.kind"));
    postAs("/api/v1/deployments", "ci-token", "{\"modelName\": ")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
    postAs("/api/v1/deployments", "ci-token", "")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("body"));
  }

  @Test
  void aBadIdempotencyKeyIsNamed() throws Exception {
    mvc.perform(post("/api/v1/deployments").header("Authorization", "Bearer ci-token")
            .header("Idempotency-Key", "has spaces").contentType(MediaType.APPLICATION_JSON).content(BODY))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
  }

  @Test
  void unknownEnvironmentIs422() throws Exception {
    when(intake.submit(any(), any(), any(), any()))
        .thenThrow(new UnknownEnvironmentException("moon", ENVIRONMENTS.names()));
    postAs("/api/v1/deployments", "ci-token", BODY.replace("\"staging\"", "\"moon\""))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/unknown-environment"))
        .andExpect(jsonPath("$.errors[0].field").value("environment"))
        .andExpect(jsonPath("$.knownEnvironments[0]").value("production"));
  }

  @Test
  void anyAuthenticatedRoleReadsAndUnknownIs404() throws Exception {
    when(queries.get("d-1")).thenReturn(deployment);
    when(queries.get("nope")).thenThrow(new DeploymentNotFoundException("nope"));

    mvc.perform(get("/api/v1/deployments/d-1").header("Authorization", "Bearer audrey-token"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.modelName").value("fraud-detector"));
    mvc.perform(get("/api/v1/deployments/nope").header("Authorization", "Bearer audrey-token"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/deployment-not-found"))
        .andExpect(jsonPath("$.deploymentId").value("nope"));
  }

  @Test
  void approveAnswersTheApprovedDeployment() throws Exception {
    deployment.approve(ALICE, "ok", STAGING.policy(), clock);
    when(decisions.approve(eq("d-1"), any(), eq("ok"), eq(false))).thenReturn(deployment);

    postAs("/api/v1/deployments/d-1/approve", "alice-token", "{\"comment\":\"ok\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("APPROVED"))
        .andExpect(jsonPath("$.approvals[0].approver").value("alice"))
        .andExpect(jsonPath("$.approvals[0].groups[0]").value("ml-lead"))
        .andExpect(jsonPath("$.approvals[0].comment").value("ok"));
  }

  @Test
  void approveWithoutBodyIsFine() throws Exception {
    when(decisions.approve(eq("d-1"), any(), isNull(), eq(false))).thenReturn(deployment);
    mvc.perform(post("/api/v1/deployments/d-1/approve").header("Authorization", "Bearer bob-token"))
        .andExpect(status().isOk());
  }

  @Test
  void refusalsMapTo403And409And422() throws Exception {
    when(decisions.approve(eq("self"), any(), any(), eq(false))).thenThrow(new DecisionRefusedException("self",
        new Refusal.SelfApproval("dave authored the commit being deployed and may not approve it (self-approval)")));
    when(decisions.approve(eq("done"), any(), any(), eq(false))).thenThrow(new DecisionRefusedException("done",
        new Refusal.AlreadyDecided(DeploymentStatus.APPROVED, "deployment done is APPROVED")));
    when(decisions.approve(eq("again"), any(), any(), eq(false))).thenThrow(new DecisionRefusedException("again",
        new Refusal.DuplicateApproval("alice has already approved")));
    when(decisions.approve(eq("policy"), any(), any(), eq(false))).thenThrow(new DecisionRefusedException("policy",
        new Refusal.PolicyRefusal("not an approver")));

    postAs("/api/v1/deployments/self/approve", "alice-token", "{}")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/self-approval"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("self-approval")));
    postAs("/api/v1/deployments/done/approve", "alice-token", "{}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.deploymentStatus").value("APPROVED"))
        .andExpect(jsonPath("$.status").value(409));
    postAs("/api/v1/deployments/again/approve", "alice-token", "{}").andExpect(status().isConflict());
    postAs("/api/v1/deployments/policy/approve", "alice-token", "{}")
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/policy-refusal"));
  }

  @Test
  void rejectNeedsAReason() throws Exception {
    postAs("/api/v1/deployments/d-1/reject", "bob-token", "{}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"));
    deployment.reject(new Actor("bob", java.util.Set.of("approver"), java.util.Set.of("sre")), "no", STAGING.policy(),
        clock);
    when(decisions.reject(eq("d-1"), any(), eq("no"))).thenReturn(deployment);
    postAs("/api/v1/deployments/d-1/reject", "bob-token", "{\"reason\":\"no\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("REJECTED"))
        .andExpect(jsonPath("$.rejection.rejectedBy").value("bob"));
  }

  @Test
  void listsByStatusAndNamesABadStatus() throws Exception {
    when(queries.list(DeploymentStatus.PENDING_APPROVAL, 100)).thenReturn(List.of(deployment));
    mvc.perform(get("/api/v1/deployments").param("status", "PENDING_APPROVAL")
            .header("Authorization", "Bearer olivia-token"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].deploymentId").value("d-1"));
    mvc.perform(get("/api/v1/deployments").param("status", "LIMBO").header("Authorization", "Bearer olivia-token"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("status"));
  }
}
