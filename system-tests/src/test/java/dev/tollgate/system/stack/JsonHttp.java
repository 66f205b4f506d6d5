package dev.tollgate.system.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON-over-HTTP client for driving the services the way CI, approvers and auditors do. */
public final class JsonHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A response: status, headers and the body parsed as JSON (a missing node when empty). */
  public record Response(int status, Map<String, java.util.List<String>> headers, JsonNode body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .findFirst().map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  /** A GET whose body is not JSON (an NDJSON export, a Markdown document): status and raw text. */
  public TextResponse getText(URI uri, String bearerToken) {
    try {
      HttpResponse<String> response = client.send(builder(uri, bearerToken).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new TextResponse(response.statusCode(), response.body(),
          response.headers().firstValue("Content-Type").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Status, raw body and its Content-Type. */
  public record TextResponse(int status, String body, String contentType) {}

  public Response get(URI uri, String bearerToken) {
    return send(builder(uri, bearerToken).GET().build());
  }

  public Response post(URI uri, String bearerToken, Object body, Map<String, String> headers) {
    HttpRequest.Builder builder = builder(uri, bearerToken)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
    headers.forEach(builder::header);
    return send(builder.build());
  }

  public Response post(URI uri, String bearerToken, Object body) {
    return post(uri, bearerToken, body, Map.of());
  }

  public Response put(URI uri, String bearerToken, Object body) {
    return send(builder(uri, bearerToken)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)))
        .build());
  }

  private static HttpRequest.Builder builder(URI uri, String bearerToken) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json");
    if (bearerToken != null) {
      builder.header("Authorization", "Bearer " + bearerToken);
    }
    return builder;
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body() == null || response.body().isBlank()
          ? JSON.missingNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), response.headers().map(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
