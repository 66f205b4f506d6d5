package dev.tollgate.rollout.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.rollout.operator.CommandNotPublishedException;
import dev.tollgate.rollout.operator.OperatorCommandPublisher;
import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.VersionStatus;
import dev.tollgate.rollout.security.SecurityConfiguration;
import dev.tollgate.strategy.StrategyKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(OperatorController.class)
@Import(SecurityConfiguration.class)
class OperatorControllerTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  @Autowired
  MockMvc mvc;

  @MockitoBean
  StateQueries queries;

  @MockitoBean
  OperatorCommandPublisher publisher;

  private static DeploymentView view(VersionStatus status) {
    return new DeploymentView("d7", "fraud-detector", "1.5.0", "production", status, "sha256:abc",
        StrategyKind.CANARY, 1, 3, List.of(), List.of("alice"), "production-v1", null, null, T0, T0, T0, null, T0,
        "e9", "StepStarted", List.of("e9"));
  }

  @Test
  void abortPublishesACommandAndAnswersAccepted() throws Exception {
    given(queries.deploymentById("d7")).willReturn(Optional.of(view(VersionStatus.ROLLING_OUT)));
    given(publisher.abort(any(), eq("olivia"), eq("p99 is climbing"))).willReturn("cmd-1");

    mvc.perform(asOperator(post("/api/v1/deployments/d7/abort")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\":\" p99 is climbing \"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.commandId").value("cmd-1"))
        .andExpect(jsonPath("$.command").value("abort"))
        .andExpect(jsonPath("$.deploymentId").value("d7"))
        .andExpect(jsonPath("$.modelVersion").value("1.5.0"))
        .andExpect(jsonPath("$.environment").value("production"));
  }

  @Test
  void abortNeedsAReasonAndNamesTheField() throws Exception {
    mvc.perform(asOperator(post("/api/v1/deployments/d7/abort")).contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("reason"))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/invalid-request"));
    verify(publisher, never()).abort(any(), anyString(), anyString());
  }

  @Test
  void abortOfAnUnknownOrFinishedDeploymentIsAProblem() throws Exception {
    given(queries.deploymentById("nope")).willReturn(Optional.empty());
    given(queries.deploymentById("d7")).willReturn(Optional.of(view(VersionStatus.SUCCEEDED)));

    mvc.perform(asOperator(post("/api/v1/deployments/nope/abort")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\":\"x\"}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("No deployment nope is known"));
    mvc.perform(asOperator(post("/api/v1/deployments/d7/abort")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\":\"x\"}"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value(
            "Deployment d7 is SUCCEEDED; only a rollout that is rolling out or paused can be aborted"));
  }

  @Test
  void aCommandKafkaDidNotTakeIsA503() throws Exception {
    given(queries.deploymentById("d7")).willReturn(Optional.of(view(VersionStatus.PAUSED)));
    given(publisher.abort(any(), anyString(), anyString()))
        .willThrow(new CommandNotPublishedException("timeout", null));

    mvc.perform(asOperator(post("/api/v1/deployments/d7/abort")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\":\"x\"}"))
        .andExpect(status().isServiceUnavailable());
  }

  @Test
  void firingAlertsLabelledWithModelAndEnvironmentRollBackTheActiveRollout() throws Exception {
    given(queries.active("fraud-detector", "production")).willReturn(Optional.of(view(VersionStatus.ROLLING_OUT)));
    given(queries.active("churn", "staging")).willReturn(Optional.empty());
    given(publisher.alert(any(), eq("alertmanager"), eq("HighErrorRate"), eq("5xx above 5%"), anyMap()))
        .willReturn("cmd-2");
    String webhook = """
        {"version":"4","status":"firing","receiver":"tollgate","groupKey":"{}:{}","alerts":[
          {"status":"firing","labels":{"alertname":"HighErrorRate","model":"fraud-detector","environment":"production"},
           "annotations":{"summary":"5xx above 5%"},"startsAt":"2025-03-03T09:00:00Z"},
          {"status":"resolved","labels":{"alertname":"HighLatency","model":"fraud-detector","environment":"production"}},
          {"status":"firing","labels":{"alertname":"DiskFull"}},
          {"status":"firing","labels":{"alertname":"Drift","model":"churn","environment":"staging"}}]}
        """;

    mvc.perform(asAlertmanager(post("/api/v1/alerts")).contentType(MediaType.APPLICATION_JSON).content(webhook))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted[0].commandId").value("cmd-2"))
        .andExpect(jsonPath("$.accepted[0].deploymentId").value("d7"))
        .andExpect(jsonPath("$.ignored[0].reason").value("status is resolved, not firing"))
        .andExpect(jsonPath("$.ignored[1].reason").value("needs the labels model and environment"))
        .andExpect(jsonPath("$.ignored[2].reason").value("no rollout of churn in staging is in progress"));
    verify(publisher).alert(any(), eq("alertmanager"), eq("HighErrorRate"), eq("5xx above 5%"),
        eq(Map.of("alertname", "HighErrorRate", "model", "fraud-detector", "environment", "production")));
  }

  @Test
  void aWebhookWithoutAlertsIsABadRequest() throws Exception {
    mvc.perform(asAlertmanager(post("/api/v1/alerts")).contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"firing\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("alerts"));
  }

  @Test
  void pauseResumeAndPromotePublishTheirCommandsWithTheCallerAsActor() throws Exception {
    given(queries.deploymentById("d7")).willReturn(Optional.of(view(VersionStatus.PAUSED)));
    given(publisher.pause(any(), eq("olivia"), eq("checking the dashboards"))).willReturn("cmd-p");
    given(publisher.resume(any(), eq("olivia"))).willReturn("cmd-r");
    given(publisher.promote(any(), eq("admin"))).willReturn("cmd-x");

    mvc.perform(asOperator(post("/api/v1/deployments/d7/pause")).contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\":\" checking the dashboards \"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.commandId").value("cmd-p"))
        .andExpect(jsonPath("$.command").value("pause"))
        .andExpect(jsonPath("$.deploymentId").value("d7"));
    mvc.perform(asOperator(post("/api/v1/deployments/d7/resume")))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.command").value("resume"))
        .andExpect(jsonPath("$.commandId").value("cmd-r"));
    mvc.perform(post("/api/v1/deployments/d7/promote").header("Authorization", "Bearer admin-token"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.command").value("promote"))
        .andExpect(jsonPath("$.commandId").value("cmd-x"));
  }

  @Test
  void aPauseWithoutAReasonIsFine() throws Exception {
    given(queries.deploymentById("d7")).willReturn(Optional.of(view(VersionStatus.ROLLING_OUT)));
    given(publisher.pause(any(), eq("olivia"), eq(null))).willReturn("cmd-p");

    mvc.perform(asOperator(post("/api/v1/deployments/d7/pause"))).andExpect(status().isAccepted());
    verify(publisher).pause(any(), eq("olivia"), eq(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pause", "resume", "promote"})
  void commandsForADeploymentThatIsNotTheActiveRolloutAreConflicts(String command) throws Exception {
    given(queries.deploymentById("d7")).willReturn(Optional.of(view(VersionStatus.SUCCEEDED)));

    mvc.perform(asOperator(post("/api/v1/deployments/d7/" + command)))
        .andExpect(status().isConflict())
        .andExpect(header().string("Content-Type", "application/problem+json"))
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Deployment d7 is SUCCEEDED")));
    mvc.perform(asOperator(post("/api/v1/deployments/nope/" + command))).andExpect(status().isNotFound());
    verify(publisher, never()).pause(any(), anyString(), any());
    verify(publisher, never()).resume(any(), anyString());
    verify(publisher, never()).promote(any(), anyString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice-token", "audrey-token", "ci-token", "alertmanager-token"})
  void onlyOperatorsAndAdminsPauseResumeOrPromote(String token) throws Exception {
    for (String command : List.of("pause", "resume", "promote")) {
      mvc.perform(post("/api/v1/deployments/d7/" + command).header("Authorization", "Bearer " + token))
          .andExpect(status().isForbidden());
    }
    verify(publisher, never()).resume(any(), anyString());
  }

  private static MockHttpServletRequestBuilder asOperator(MockHttpServletRequestBuilder request) {
    return request.header("Authorization", "Bearer olivia-token");
  }

  private static MockHttpServletRequestBuilder asAlertmanager(MockHttpServletRequestBuilder request) {
    return request.header("Authorization", "Bearer alertmanager-token");
  }

  @Test
  void theActorOfAnAbortIsTheAuthenticatedAdmin() throws Exception {
    given(queries.deploymentById("d7")).willReturn(Optional.of(view(VersionStatus.ROLLING_OUT)));
    given(publisher.abort(any(), eq("admin"), eq("x"))).willReturn("cmd-3");

    mvc.perform(post("/api/v1/deployments/d7/abort").header("Authorization", "Bearer admin-token")
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.commandId").value("cmd-3"));
  }

  @Test
  void commandsWithoutATokenAre401Problems() throws Exception {
    mvc.perform(post("/api/v1/deployments/d7/abort").contentType(MediaType.APPLICATION_JSON)
            .content("{\"reason\":\"x\"}"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"tollgate\""))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/unauthenticated"));
    mvc.perform(post("/api/v1/alerts").contentType(MediaType.APPLICATION_JSON).content("{\"alerts\":[]}"))
        .andExpect(status().isUnauthorized());
    verify(publisher, never()).abort(any(), anyString(), anyString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice-token", "audrey-token", "ci-token", "alertmanager-token"})
  void onlyOperatorsAndAdminsAbort(String token) throws Exception {
    mvc.perform(post("/api/v1/deployments/d7/abort").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/forbidden"));
    verify(publisher, never()).abort(any(), anyString(), anyString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"olivia-token", "alice-token"})
  void theWebhookTakesOnlyAlertmanagersCredential(String token) throws Exception {
    mvc.perform(post("/api/v1/alerts").header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON).content("{\"alerts\":[]}"))
        .andExpect(status().isForbidden());
  }

  @Test
  void anyFurtherDeploymentCommandFallsUnderTheOperatorRule() throws Exception {
    // no such endpoint: an approver is refused before routing, an operator reaches MVC (404)
    mvc.perform(post("/api/v1/deployments/d7/restart").header("Authorization", "Bearer alice-token"))
        .andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/deployments/d7/restart").header("Authorization", "Bearer olivia-token"))
        .andExpect(status().isNotFound());
  }
}
