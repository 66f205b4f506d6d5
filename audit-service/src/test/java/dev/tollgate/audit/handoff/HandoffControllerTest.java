package dev.tollgate.audit.handoff;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.audit.decisions.DecisionRepository;
import dev.tollgate.audit.decisions.LiveVersion;
import dev.tollgate.audit.security.SecurityConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(controllers = HandoffController.class)
@Import({SecurityConfiguration.class, HandoffControllerTest.Properties.class})
@TestPropertySource(properties = {
    "tollgate.security.tokens.t-auditor.user=audrey", "tollgate.security.tokens.t-auditor.roles=auditor",
    "tollgate.security.tokens.t-operator.user=olivia", "tollgate.security.tokens.t-operator.roles=operator",
    "tollgate.security.tokens.t-admin.user=admin", "tollgate.security.tokens.t-admin.roles=admin",
    "tollgate.security.tokens.t-ci.user=ci", "tollgate.security.tokens.t-ci.roles=ci",
    "tollgate.security.tokens.t-approver.user=alice", "tollgate.security.tokens.t-approver.roles=approver",
    "tollgate.security.tokens.t-alertmanager.user=am", "tollgate.security.tokens.t-alertmanager.roles=alertmanager",
    "tollgate.audit.handoff.rollout-url=http://rollout.test/"})
class HandoffControllerTest {

  private static final String PATH = "/api/v1/models/fraud-detector/versions/1.4.0/handoff";
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TestConfiguration
  @EnableConfigurationProperties(HandoffProperties.class)
  static class Properties {}

  @Autowired
  MockMvc mvc;

  @MockitoBean
  HandoffRepository handoff;

  @MockitoBean
  DecisionRepository decisions;

  private void recorded() {
    when(handoff.events("fraud-detector", "1.4.0")).thenReturn(List.of(
        new HandoffEvent("q-1", "DeploymentRequested", T0, "ci:pipeline", "dep-1", "staging",
            "{\"type\": \"DeploymentRequested\", \"artifactDigest\": \"sha256:abc\", \"source\": {\"gitCommit\": \"9f2c1e7\"},"
                + " \"profile\": {\"instanceType\": \"ml.g5\", \"replicas\": 2, \"location\": \"eu-west-1\"}}"),
        new HandoffEvent("r-1", "RolloutStarted", T0.plusSeconds(5), "system:rollout-service", "dep-1", "staging",
            "{\"type\": \"RolloutStarted\", \"baselineVersion\": \"1.3.0\", \"strategy\": {\"kind\": \"CANARY\"}}")));
    when(handoff.environments("fraud-detector")).thenReturn(List.of("staging"));
    when(decisions.liveAt(anyString(), anyString(), any())).thenReturn(Optional.of(
        new LiveVersion("fraud-detector", "staging", T0, "1.3.0", T0.minusSeconds(60), "dep-old", "RolloutPromoted",
            "e-1")));
    when(handoff.lastRequest(anyString(), anyString(), anyString())).thenReturn(Optional.empty());
  }

  private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String token) {
    return token.isEmpty() ? request : request.header("Authorization", "Bearer " + token);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"t-auditor, 200", "t-operator, 200", "t-admin, 200", "t-ci, 403", "t-approver, 403",
      "t-alertmanager, 403", "'', 401"})
  void whoMayReadAHandoffRecord(String token, int expected) throws Exception {
    recorded();
    mvc.perform(as(get(PATH), token)).andExpect(status().is(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"t-auditor", "t-operator", "t-admin"})
  void nothingIsWrittenThroughTheHandoffPath(String token) throws Exception {
    mvc.perform(as(post(PATH), token)).andExpect(status().isForbidden());
  }

  @Test
  void anOperatorStillMayNotReadTheRestOfTheTrail() throws Exception {
    mvc.perform(as(get("/api/v1/models/fraud-detector/versions/1.4.0/timeline"), "t-operator"))
        .andExpect(status().isForbidden());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/markdown", "application/json, application/problem+json", "*/*"})
  void theRecordIsMarkdownInUtf8WithTheConfiguredRolloutUrl(String accept) throws Exception {
    recorded();
    mvc.perform(as(get(PATH), "t-operator").header("Accept", accept))
        .andExpect(status().isOk())
        .andExpect(content().contentType("text/markdown;charset=UTF-8"))
        .andExpect(content().string(containsString("# Handoff record: `fraud-detector` `1.4.0`")))
        .andExpect(content().string(containsString("| Git commit | `9f2c1e7` |")))
        .andExpect(content().string(containsString("| staging | `1.3.0` | 2026-03-01T09:59:00Z | `dep-old` |")))
        .andExpect(content().string(containsString(
            "curl -s -X POST 'http://rollout.test/api/v1/deployments/dep-1/abort'")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/markdown", "application/json", "*/*"})
  void anUnseenVersionIsA404Problem(String accept) throws Exception {
    when(handoff.events("fraud-detector", "9.9.9")).thenReturn(List.of());
    mvc.perform(as(get("/api/v1/models/fraud-detector/versions/9.9.9/handoff"), "t-auditor").header("Accept", accept))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.title").value("Model version not found"))
        .andExpect(jsonPath("$.detail").value("No audit events are recorded for model fraud-detector version 9.9.9"));
  }

  @Test
  void anOverlongVersionIsA400NamingIt() throws Exception {
    mvc.perform(as(get("/api/v1/models/fraud-detector/versions/" + "9".repeat(201) + "/handoff"), "t-auditor"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("version"));
  }
}
