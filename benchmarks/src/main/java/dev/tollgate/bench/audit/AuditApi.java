package dev.tollgate.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An auditor ({@code audrey-token}) on audit-service's REST API. */
final class AuditApi {

  static final String AUDITOR_TOKEN = "audrey-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI audit;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  AuditApi(URI audit) {
    this.audit = audit;
  }

  /** GETs {@code pathAndQuery}, expecting 200, and returns the parsed body. */
  JsonNode get(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(audit.resolve(pathAndQuery))
        .header("Authorization", "Bearer " + AUDITOR_TOKEN).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return JSON.readTree(response.body());
  }
}
