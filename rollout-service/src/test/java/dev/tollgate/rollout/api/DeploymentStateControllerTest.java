package dev.tollgate.rollout.api;

import static org.hamcrest.Matchers.contains;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.rollout.state.StateNotReadyException;
import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.state.domain.Profile;
import dev.tollgate.rollout.state.domain.VersionStatus;
import dev.tollgate.rollout.security.SecurityConfiguration;
import dev.tollgate.rollout.strategy.StrategyKind;
import dev.tollgate.rollout.strategy.TrafficWeight;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(DeploymentStateController.class)
@Import(SecurityConfiguration.class)
class DeploymentStateControllerTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  @Autowired
  MockMvc mvc;

  @MockitoBean
  StateQueries queries;

  private static DeploymentView view(String environment, VersionStatus status) {
    return new DeploymentView("d1", "fraud-detector", "1.4.0", environment, status, "sha256:abc", StrategyKind.CANARY,
        1, 4, List.of(new TrafficWeight("1.4.0", 20), new TrafficWeight("1.3.0", 80)), List.of("alice"),
        "staging-v1", null, new Profile("ml.g5", "xlarge", 2, "eu-west-1", null), T0, T0.plusSeconds(60),
        T0.plusSeconds(61), null, T0.plusSeconds(62), "e9", "StepStarted", List.of("e1", "e9"));
  }

  @Test
  void servesTheStateOfOneVersionInOneEnvironment() throws Exception {
    given(queries.deployment("fraud-detector", "1.4.0", "staging"))
        .willReturn(Optional.of(view("staging", VersionStatus.ROLLING_OUT)));

    mvc.perform(get("/api/v1/models/fraud-detector/versions/1.4.0/environments/staging"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.deploymentId").value("d1"))
        .andExpect(jsonPath("$.modelName").value("fraud-detector"))
        .andExpect(jsonPath("$.modelVersion").value("1.4.0"))
        .andExpect(jsonPath("$.environment").value("staging"))
        .andExpect(jsonPath("$.status").value("ROLLING_OUT"))
        .andExpect(jsonPath("$.currentStepIndex").value(1))
        .andExpect(jsonPath("$.stepCount").value(4))
        .andExpect(jsonPath("$.weights[0].modelVersion").value("1.4.0"))
        .andExpect(jsonPath("$.weights[0].weight").value(20))
        .andExpect(jsonPath("$.weights[1].weight").value(80))
        .andExpect(jsonPath("$.approvers", contains("alice")))
        .andExpect(jsonPath("$.policyVersion").value("staging-v1"))
        .andExpect(jsonPath("$.artifactDigest").value("sha256:abc"))
        .andExpect(jsonPath("$.strategyKind").value("CANARY"))
        .andExpect(jsonPath("$.profile.instanceType").value("ml.g5"))
        .andExpect(jsonPath("$.profile.replicas").value(2))
        .andExpect(jsonPath("$.requestedAt").value("2025-03-03T09:00:00Z"))
        .andExpect(jsonPath("$.startedAt").value("2025-03-03T09:01:01Z"))
        .andExpect(jsonPath("$.finishedAt").doesNotExist())
        .andExpect(jsonPath("$.lastEventType").value("StepStarted"))
        .andExpect(jsonPath("$.appliedEventIds").doesNotExist());
  }

  @Test
  void anUnknownVersionIsANotFoundProblem() throws Exception {
    given(queries.deployment("fraud-detector", "9.9.9", "staging")).willReturn(Optional.empty());

    mvc.perform(get("/api/v1/models/fraud-detector/versions/9.9.9/environments/staging"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/not-found"))
        .andExpect(jsonPath("$.detail").value("No deployment of fraud-detector 9.9.9 to staging is known"));
  }

  @Test
  void listsEveryEnvironmentOfAVersion() throws Exception {
    given(queries.deployments("fraud-detector", "1.4.0")).willReturn(
        List.of(view("production", VersionStatus.APPROVED), view("staging", VersionStatus.SUCCEEDED)));

    mvc.perform(get("/api/v1/models/fraud-detector/versions/1.4.0"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].environment", contains("production", "staging")))
        .andExpect(jsonPath("$[*].status", contains("APPROVED", "SUCCEEDED")));
  }

  @Test
  void aVersionWithoutAnyEnvironmentIsNotFound() throws Exception {
    given(queries.deployments("fraud-detector", "0.0.1")).willReturn(List.of());

    mvc.perform(get("/api/v1/models/fraud-detector/versions/0.0.1"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("No deployment of fraud-detector 0.0.1 is known"));
  }

  @Test
  void servesTheLiveVersions() throws Exception {
    given(queries.live("fraud-detector")).willReturn(
        List.of(new LiveDeployment("fraud-detector", "staging", "1.4.0", "d1", T0)));

    mvc.perform(get("/api/v1/models/fraud-detector/live"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].environment").value("staging"))
        .andExpect(jsonPath("$[0].modelVersion").value("1.4.0"))
        .andExpect(jsonPath("$[0].deploymentId").value("d1"))
        .andExpect(jsonPath("$[0].since").value("2025-03-03T09:00:00Z"));
  }

  @Test
  void aKnownModelWithNothingLiveIsAnEmptyListAnUnknownOneNotFound() throws Exception {
    given(queries.live("fraud-detector")).willReturn(List.of());
    given(queries.knowsModel("fraud-detector")).willReturn(true);
    given(queries.live("nobody")).willReturn(List.of());
    given(queries.knowsModel("nobody")).willReturn(false);

    mvc.perform(get("/api/v1/models/fraud-detector/live"))
        .andExpect(status().isOk())
        .andExpect(content().json("[]"));
    mvc.perform(get("/api/v1/models/nobody/live"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("Model nobody is not known"));
  }

  @Test
  void storesNotReadyYetAreAServiceUnavailableProblemWithRetryAfter() throws Exception {
    given(queries.deployment("fraud-detector", "1.4.0", "staging"))
        .willThrow(new StateNotReadyException("rebalancing", null));

    mvc.perform(get("/api/v1/models/fraud-detector/versions/1.4.0/environments/staging"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "1"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/state-not-ready"))
        .andExpect(jsonPath("$.status").value(503));
  }
}
