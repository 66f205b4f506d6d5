package dev.tollgate.localstack.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorControlServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final ProfileBook profiles = new ProfileBook();
  private final SimulatedPlatform platform = new SimulatedPlatform(profiles, Clock.systemUTC());
  private SimulatorControlServer server;

  @BeforeEach
  void start() throws Exception {
    server = SimulatorControlServer.start(0, profiles, platform);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private record Reply(int status, String contentType, JsonNode body) {}

  private Reply send(String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
    return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
  }

  @Test
  void aPutProfileIsInForceUntilDeleted() throws Exception {
    Reply put = send("PUT", "/profiles/fraud-detector/2.0.0", "{\"errorRate\":0.2,\"p99LatencyMs\":900}");

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body().path("source").asText()).isEqualTo("api");
    assertThat(put.body().at("/profile/errorRate").asDouble()).isEqualTo(0.2);
    assertThat(put.body().at("/profile/p99LatencyMs").asDouble()).isEqualTo(900);
    assertThat(put.body().at("/profile/p50LatencyMs").asDouble()).as("from the default").isEqualTo(40);
    assertThat(profiles.resolve("fraud-detector", "2.0.0").profile().errorRate()).isEqualTo(0.2);

    Reply get = send("GET", "/profiles/fraud-detector/2.0.0", null);
    assertThat(get.body().at("/profile/errorRate").asDouble()).isEqualTo(0.2);
    assertThat(send("GET", "/profiles", null).body().path("profiles").size()).isEqualTo(1);

    assertThat(send("DELETE", "/profiles/fraud-detector/2.0.0", null).status()).isEqualTo(204);
    assertThat(send("GET", "/profiles/fraud-detector/2.0.0", null).body().path("source").asText())
        .isEqualTo("built-in-default");
    assertThat(send("DELETE", "/profiles/fraud-detector/2.0.0", null).status()).isEqualTo(404);
  }

  @Test
  void badProfilesAreProblemsNamingTheMember() throws Exception {
    Reply outOfRange = send("PUT", "/profiles/m/1", "{\"errorRate\":1.5}");
    assertThat(outOfRange.status()).isEqualTo(400);
    assertThat(outOfRange.contentType()).isEqualTo("application/problem+json");
    assertThat(outOfRange.body().at("/errors/0/field").asText()).isEqualTo("errorRate");

    Reply typo = send("PUT", "/profiles/m/1", "{\"errorRat\":0.2}");
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.body().at("/errors/0/field").asText()).isEqualTo("errorRat");

    Reply wrongType = send("PUT", "/profiles/m/1", "{\"errorRate\":\"lots\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().at("/errors/0/field").asText()).isEqualTo("errorRate");

    assertThat(send("PUT", "/profiles/m/1", "not json").status()).isEqualTo(400);
    assertThat(send("PUT", "/profiles/m/1", "").status()).isEqualTo(400);
    assertThat(profiles.configured()).isEmpty();
  }

  @Test
  void unknownPathsAndMethodsAreProblems() throws Exception {
    assertThat(send("GET", "/nothing", null).status()).isEqualTo(404);
    assertThat(send("POST", "/profiles/m/1", "{}").status()).isEqualTo(405);
    assertThat(send("DELETE", "/traffic", null).status()).isEqualTo(405);
  }

  @Test
  void trafficShowsTheSplitsInEffect() throws Exception {
    platform.apply(new TrafficSplit("fraud-detector", "staging", "cmd-9",
        List.of(new TrafficSplit.Share("2.0.0", 20), new TrafficSplit.Share("1.4.0", 80))));

    Reply traffic = send("GET", "/traffic", null);

    assertThat(traffic.status()).isEqualTo(200);
    assertThat(traffic.body().size()).isEqualTo(1);
    assertThat(traffic.body().at("/0/environment").asText()).isEqualTo("staging");
    assertThat(traffic.body().at("/0/weights").toString())
        .isEqualTo("[{\"modelVersion\":\"2.0.0\",\"weight\":20},{\"modelVersion\":\"1.4.0\",\"weight\":80}]");
    assertThat(traffic.body().at("/0/commandId").asText()).isEqualTo("cmd-9");
  }
}
