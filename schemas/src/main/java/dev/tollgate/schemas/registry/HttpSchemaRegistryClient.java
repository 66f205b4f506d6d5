package dev.tollgate.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Confluent Schema Registry REST client on the JDK's HTTP client. Caches ids both ways (ids are
 * immutable), retries 5xx answers and connection errors with backoff, and fails over between
 * the configured URLs.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> baseUrls;
  private final String authorization;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;

  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

  public HttpSchemaRegistryClient(List<String> baseUrls, String basicAuthUserInfo) {
    this(baseUrls, basicAuthUserInfo, Duration.ofSeconds(10), 4, Duration.ofMillis(100));
  }

  public HttpSchemaRegistryClient(
      List<String> baseUrls, String basicAuthUserInfo, Duration requestTimeout, int maxAttempts, Duration initialBackoff) {
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("at least one schema registry URL is required");
    }
    this.baseUrls = List.copyOf(baseUrls);
    this.authorization = basicAuthUserInfo == null || basicAuthUserInfo.isBlank()
        ? null
        : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = requestTimeout;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.initialBackoff = initialBackoff;
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
  }

  @Override
  public int register(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
    int id = answer.path("id").asInt();
    remember(subject, schema, id);
    return id;
  }

  @Override
  public int idOf(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
    int id = answer.path("id").asInt();
    remember(subject, schema, id);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("GET", "/schemas/ids/" + id, null, null);
    Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
    schemasById.put(id, schema);
    return schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return registered(subject, send("GET", "/subjects/" + encode(subject) + "/versions/latest", null, subject));
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    return registered(subject, send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null, subject));
  }

  @Override
  public List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    send("GET", "/subjects/" + encode(subject) + "/versions", null, subject).forEach(v -> versions.add(v.asInt()));
    return versions;
  }

  @Override
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    send("GET", "/subjects", null, null).forEach(v -> subjects.add(v.asText()));
    return subjects;
  }

  @Override
  public CompatibilityResult testCompatibility(String subject, Schema schema) {
    JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
        schemaBody(schema), subject);
    List<String> messages = new ArrayList<>();
    answer.path("messages").forEach(m -> messages.add(m.asText()));
    return new CompatibilityResult(answer.path("is_compatible").asBoolean(), messages);
  }

  @Override
  public String compatibility(String subject) {
    String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
    JsonNode answer = send("GET", path, null, subject);
    JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.path("compatibility");
    return level.asText();
  }

  @Override
  public void setCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    send("PUT", subject == null ? "/config" : "/config/" + encode(subject), body.toString(), subject);
  }

  private RegisteredSchema registered(String subject, JsonNode answer) {
    Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
    int id = answer.path("id").asInt();
    schemasById.putIfAbsent(id, schema);
    remember(subject, schema, id);
    return new RegisteredSchema(answer.path("subject").asText(subject), answer.path("version").asInt(), id, schema);
  }

  private Integer cachedId(String subject, Schema schema) {
    Map<Schema, Integer> ids = idsBySubject.get(subject);
    return ids == null ? null : ids.get(schema);
  }

  private void remember(String subject, Schema schema, int id) {
    idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    schemasById.putIfAbsent(id, schema);
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(Objects.requireNonNull(subject, "subject"), StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, String body, String subject) {
    SchemaRegistryException last = null;
    long backoff = initialBackoff.toMillis();
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      String baseUrl = baseUrls.get((attempt - 1) % baseUrls.size());
      try {
        HttpResponse<String> response = http.send(request(method, baseUrl + path, body), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return JSON.readTree(response.body());
        }
        last = error(method, path, subject, status, response.body());
        if (status < 500) {
          throw last;
        }
      } catch (IOException e) {
        last = new SchemaRegistryException("Schema registry " + baseUrl + " unreachable for " + method + " " + path
            + (subject == null ? "" : " (subject " + subject + ")") + ": " + e, 0, 0, subject, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("Interrupted during " + method + " " + path, 0, 0, subject, e);
      }
      if (attempt < maxAttempts) {
        sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
    throw last;
  }

  private HttpRequest request(String method, String url, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
        .timeout(requestTimeout)
        .header("Accept", CONTENT_TYPE + ", application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      builder.header("Content-Type", CONTENT_TYPE);
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  private static SchemaRegistryException error(String method, String path, String subject, int status, String body) {
    int code = 0;
    String message = body;
    try {
      JsonNode json = JSON.readTree(body);
      code = json.path("error_code").asInt(0);
      message = json.path("message").asText(body);
    } catch (IOException ignored) {
      // not JSON: keep the raw body as the message
    }
    return new SchemaRegistryException("Schema registry refused " + method + " " + path
        + (subject == null ? "" : " for subject " + subject) + ": HTTP " + status
        + (code == 0 ? "" : " error " + code) + ": " + message, status, code, subject, null);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("Interrupted while retrying", 0, 0, null, e);
    }
  }
}
