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
import dev.tollgate.rollout.state.domain.LivePeriod;
import dev.tollgate.rollout.state.domain.Profile;
import dev.tollgate.rollout.state.domain.VersionStatus;
import dev.tollgate.rollout.security.SecurityConfiguration;
import dev.tollgate.strategy.StrategyKind;
import dev.tollgate.rollout.strategy.TrafficWeight;
import dev.tollgate.rollout.streams.StateProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(DeploymentStateController.class)
@Import({SecurityConfiguration.class, AnsweringHere.Router.class})
class DeploymentStateControllerTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final Instant NOW = Instant.parse("2025-04-01T12:00:00Z");

  /** A fixed now; the default 90 days of live history. */
  @TestConfiguration
  @EnableConfigurationProperties(StateProperties.class)
  static class OneInstance {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

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
        .andExpect(header().string(DeploymentStateController.ANSWERED_BY, AnsweringHere.INSTANCE))
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

  @Test
  void answersWhatWasLiveAtAPastInstantAndUntilWhen() throws Exception {
    Instant at = Instant.parse("2025-03-10T00:00:00Z");
    given(queries.liveAt("fraud-detector", "staging", at)).willReturn(Optional.of(new LivePeriod(
        new LiveDeployment("fraud-detector", "staging", "1.3.0", "d0", T0), Instant.parse("2025-03-20T08:00:00Z"))));

    mvc.perform(get("/api/v1/models/fraud-detector/environments/staging/live").param("at", "2025-03-10T00:00:00Z"))
        .andExpect(status().isOk())
        .andExpect(header().string(DeploymentStateController.ANSWERED_BY, AnsweringHere.INSTANCE))
        .andExpect(jsonPath("$.modelName").value("fraud-detector"))
        .andExpect(jsonPath("$.environment").value("staging"))
        .andExpect(jsonPath("$.modelVersion").value("1.3.0"))
        .andExpect(jsonPath("$.deploymentId").value("d0"))
        .andExpect(jsonPath("$.since").value("2025-03-03T09:00:00Z"))
        .andExpect(jsonPath("$.until").value("2025-03-20T08:00:00Z"))
        .andExpect(jsonPath("$.at").value("2025-03-10T00:00:00Z"));
  }

  @Test
  void withoutAnInstantAnswersWhatIsLiveNow() throws Exception {
    given(queries.liveAt("fraud-detector", "staging", NOW)).willReturn(Optional.of(
        LivePeriod.current(new LiveDeployment("fraud-detector", "staging", "1.4.0", "d1", T0))));

    mvc.perform(get("/api/v1/models/fraud-detector/environments/staging/live"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.modelVersion").value("1.4.0"))
        .andExpect(jsonPath("$.until").doesNotExist())
        .andExpect(jsonPath("$.at").value("2025-04-01T12:00:00Z"));
  }

  @Test
  void nothingLiveThenIsANotFoundProblem() throws Exception {
    Instant at = Instant.parse("2025-03-01T00:00:00Z");
    given(queries.liveAt("fraud-detector", "staging", at)).willReturn(Optional.empty());
    given(queries.liveAt("fraud-detector", "production", NOW)).willReturn(Optional.empty());

    mvc.perform(get("/api/v1/models/fraud-detector/environments/staging/live").param("at", "2025-03-01T00:00:00Z"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("Nothing was live for fraud-detector in staging at 2025-03-01T00:00:00Z"));
    mvc.perform(get("/api/v1/models/fraud-detector/environments/production/live"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("Nothing is live for fraud-detector in production"));
  }

  @Test
  void anInstantThatIsNotOneOrIsOutsideTheHistoryIsABadRequestNamingAt() throws Exception {
    mvc.perform(get("/api/v1/models/fraud-detector/environments/staging/live").param("at", "yesterday"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("at"))
        .andExpect(jsonPath("$.errors[0].reason")
            .value("must be an ISO-8601 instant such as 2026-03-01T12:00:00Z, not 'yesterday'"));
    mvc.perform(get("/api/v1/models/fraud-detector/environments/staging/live").param("at", "2024-12-31T23:59:59Z"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("at"))
        .andExpect(jsonPath("$.errors[0].reason").value(
            "is older than the live-version history kept (90 days, back to 2025-01-01T12:00:00Z)"));
    mvc.perform(get("/api/v1/models/fraud-detector/environments/staging/live").param("at", "2025-04-01T12:00:01Z"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("at"))
        .andExpect(jsonPath("$.errors[0].reason")
            .value("is in the future (2025-04-01T12:00:01Z); leave it out to ask what is live now"));
  }
}
