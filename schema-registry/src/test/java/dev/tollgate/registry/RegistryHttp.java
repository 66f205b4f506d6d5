package dev.tollgate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A bare HTTP client for the registry's REST API, so tests see exact statuses and bodies. */
public final class RegistryHttp {

  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status, Content-Type and body (parsed when JSON). */
  public record Answer(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public int errorCode() {
      return json().path("error_code").asInt();
    }
  }

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public RegistryHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Answer get(String path) {
    return send("GET", path, null, null);
  }

  public Answer post(String path, String body) {
    return send("POST", path, body, CONTENT_TYPE);
  }

  public Answer put(String path, String body) {
    return send("PUT", path, body, CONTENT_TYPE);
  }

  public Answer delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Answer send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code {"schema": "<schema text>"}} */
  public static String schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }
}
