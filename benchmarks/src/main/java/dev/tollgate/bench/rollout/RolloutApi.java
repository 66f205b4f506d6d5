package dev.tollgate.bench.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** rollout-service's REST API as the benchmarks read it: the state of a version, its metrics. */
final class RolloutApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A GET: status, the answering instance and the body. */
  record Reply(int status, String answeredBy, String body) {}

  /**
   * A blocking call on the caller's thread over a kept-alive connection (HttpURLConnection), as a
   * script or a dashboard's simple client makes it. The JDK's HttpClient hands every call between
   * its threads, which on two busy cores put milliseconds of the client's own scheduling into the
   * measured tail.
   */
  Reply get(URI uri) throws IOException, InterruptedException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(10_000);
    int status = connection.getResponseCode();
    try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
      return new Reply(status, connection.getHeaderField("Tollgate-Answered-By"), text);
    }
  }

  /** Waits (up to {@code timeout}) until the version's state in staging satisfies {@code done}; fails on a final status. */
  JsonNode awaitState(URI rollout, String model, String version, Predicate<JsonNode> done, Duration timeout)
      throws IOException, InterruptedException {
    URI uri = rollout.resolve("/api/v1/models/" + model + "/versions/" + version + "/environments/staging");
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode state = null;
    while (System.nanoTime() < deadline) {
      Reply reply = get(uri);
      if (reply.status() == 200) {
        state = JSON.readTree(reply.body());
        if (done.test(state)) {
          return state;
        }
        String status = state.path("status").asText();
        if (status.equals("ABORTED") || status.equals("ROLLED_BACK") || status.equals("REJECTED")) {
          throw new IllegalStateException(model + " " + version + " ended " + status + ": " + state);
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(model + " " + version + " not there within " + timeout + "; last state " + state);
  }

  /**
   * {@code tollgate_rollout_health_samples_total} by fate, from one instance's Prometheus endpoint.
   * Only that meter is asked for: the whole scrape (30 KB of Kafka client metrics, about 5 ms of the
   * service's CPU) ten times a second while a benchmark watches progress would be load of its own.
   */
  Map<String, Double> sampleFates(URI rollout) throws IOException, InterruptedException {
    Reply reply = get(rollout.resolve("/actuator/prometheus?includedNames=tollgate_rollout_health_samples"));
    Map<String, Double> fates = new HashMap<>();
    for (String line : reply.body().split("\n")) {
      if (line.startsWith("tollgate_rollout_health_samples_total{")) {
        int fate = line.indexOf("fate=\"") + 6;
        String name = line.substring(fate, line.indexOf('"', fate));
        fates.merge(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
      }
    }
    return fates;
  }
}
