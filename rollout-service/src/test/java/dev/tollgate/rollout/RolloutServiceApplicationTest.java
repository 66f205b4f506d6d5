package dev.tollgate.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.analysis.SampleCounts;
import dev.tollgate.rollout.analysis.SampleFate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application wires up and answers without a broker: health is DOWN (streams not
 * RUNNING), state queries are 503 with Retry-After, the OpenAPI document lists the endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=127.0.0.1:1",
    "spring.kafka.properties.schema.registry.url=mock://rollout-application-test",
    "tollgate.rollout.close-timeout=2s", "tollgate.rollout.health-ingest.close-timeout=2s"})
class RolloutServiceApplicationTest {

  @LocalServerPort
  int port;

  @Autowired
  SampleCounts sampleCounts;

  @DynamicPropertySource
  static void stateDir(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("rollout-streams");
    registry.add("tollgate.rollout.state-dir", dir::toString);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void startsAndAnswersWhileStreamsCannotRun() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("\"DOWN\"");

    HttpResponse<String> state = get("/api/v1/models/fraud-detector/versions/1.4.0/environments/staging");
    assertThat(state.statusCode()).isEqualTo(503);
    assertThat(state.headers().firstValue("Retry-After")).hasValue("1");

    HttpResponse<String> apiDocs = get("/v3/api-docs");
    assertThat(apiDocs.statusCode()).isEqualTo(200);
    assertThat(apiDocs.body()).contains("/api/v1/models/{model}/versions/{version}/environments/{environment}",
        "/api/v1/models/{model}/versions/{version}", "/api/v1/models/{model}/live",
        "/api/v1/models/{model}/environments/{environment}/live");
  }

  @Test
  void countsEverySampleFateAtThePrometheusEndpoint() throws Exception {
    sampleCounts.record(SampleFate.NO_ACTIVE_ROLLOUT);
    sampleCounts.record(SampleFate.NO_ACTIVE_ROLLOUT);
    sampleCounts.record(SampleFate.AGGREGATED);

    HttpResponse<String> metrics = get("/actuator/prometheus");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("# HELP tollgate_rollout_health_samples_total Health samples by fate")
        .contains("tollgate_rollout_health_samples_total{fate=\"no-active-rollout\"} 2.0")
        .contains("tollgate_rollout_health_samples_total{fate=\"aggregated\"} 1.0")
        .contains("tollgate_rollout_health_samples_total{fate=\"version-not-in-rollout\"} 0.0")
        .contains("tollgate_rollout_health_samples_total{fate=\"duplicate\"} 0.0");
  }
}
