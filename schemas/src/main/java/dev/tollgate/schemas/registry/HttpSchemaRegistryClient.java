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
import org.apache.avro.SchemaParseException;

/**
 * Confluent Schema Registry REST client on the JDK's HTTP client. Caches ids both ways (ids are
 * immutable), retries 5xx answers and connection errors with exponential backoff, and fails over
 * between the configured URLs. 4xx answers are final: retrying cannot change them.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> baseUrls;
  private final String authorization;
  private final HttpClient http;
  private final Options options;

  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

  /**
   * Timeouts and retry policy.
   *
   * @param connectTimeout TCP connect timeout per attempt
   * @param requestTimeout time for one request to be answered, per attempt
   * @param maxRetries retries after the first attempt (0: no retry)
   * @param retryBackoff wait before the first retry; doubles on each further retry
   * @param maxRetryBackoff cap of the wait between retries
   */
  public record Options(
      Duration connectTimeout, Duration requestTimeout, int maxRetries, Duration retryBackoff, Duration maxRetryBackoff) {

    public Options {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(retryBackoff, "retryBackoff");
      Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
      }
    }

    public static Options defaults() {
      return new Options(Duration.ofSeconds(10), Duration.ofSeconds(10), 3, Duration.ofMillis(100), Duration.ofSeconds(5));
    }
  }

  public HttpSchemaRegistryClient(List<String> baseUrls, String basicAuthUserInfo) {
    this(baseUrls, basicAuthUserInfo, Options.defaults());
  }

  public HttpSchemaRegistryClient(
      List<String> baseUrls, String basicAuthUserInfo, Duration requestTimeout, int maxAttempts, Duration initialBackoff) {
    this(baseUrls, basicAuthUserInfo, new Options(requestTimeout, requestTimeout, Math.max(1, maxAttempts) - 1,
        initialBackoff, Options.defaults().maxRetryBackoff()));
  }

  public HttpSchemaRegistryClient(List<String> baseUrls, String basicAuthUserInfo, Options options) {
    if (baseUrls == null || baseUrls.isEmpty()) {
      throw new IllegalArgumentException("at least one schema registry URL is required");
    }
    this.baseUrls = baseUrls.stream().map(HttpSchemaRegistryClient::stripTrailingSlash).toList();
    this.authorization = basicAuthUserInfo == null || basicAuthUserInfo.isBlank()
        ? null
        : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
    this.options = Objects.requireNonNull(options, "options");
    this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
  }

  public Options options() {
    return options;
  }

  @Override
  public int register(String subject, Schema schema) {
    Integer cached = cachedId(subject, schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
    int id = requiredInt(answer, "id", "POST /subjects/" + subject + "/versions");
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
    int id = requiredInt(answer, "id", "POST /subjects/" + subject);
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
    Schema schema = parse(answer, "schema id " + id);
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous == null ? schema : previous;
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
    Schema schema = parse(answer, "subject " + subject);
    int id = requiredInt(answer, "id", "subject " + subject);
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

  private static Schema parse(JsonNode answer, String what) {
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw new SchemaRegistryException("Schema registry answer for " + what + " has no \"schema\": " + answer,
          0, 0, null, null);
    }
    try {
      return new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException("Schema registry returned an unparseable Avro schema for " + what + ": "
          + e.getMessage(), 0, 0, null, e);
    }
  }

  private static int requiredInt(JsonNode answer, String field, String what) {
    JsonNode value = answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new SchemaRegistryException("Schema registry answer to " + what + " has no \"" + field + "\": " + answer,
          0, 0, null, null);
    }
    return value.asInt();
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(Objects.requireNonNull(subject, "subject"), StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, String body, String subject) {
    SchemaRegistryException last = null;
    long backoff = options.retryBackoff().toMillis();
    int attempts = options.maxRetries() + 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      String baseUrl = baseUrls.get((attempt - 1) % baseUrls.size());
      HttpResponse<String> response;
      try {
        response = http.send(request(method, baseUrl + path, body), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        last = new SchemaRegistryException("Schema registry " + baseUrl + " unreachable for " + method + " " + path
            + about(subject) + " (attempt " + attempt + " of " + attempts + "): " + e, 0, 0, subject, e);
        pauseBeforeRetry(attempt, attempts, backoff);
        backoff = Math.min(backoff * 2, options.maxRetryBackoff().toMillis());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("Interrupted during " + method + " " + path + about(subject), 0, 0, subject, e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return json(response.body(), method, path, subject);
      }
      last = error(method, path, subject, status, response.body());
      if (status < 500) {
        throw last;
      }
      pauseBeforeRetry(attempt, attempts, backoff);
      backoff = Math.min(backoff * 2, options.maxRetryBackoff().toMillis());
    }
    throw last;
  }

  private static JsonNode json(String body, String method, String path, String subject) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      throw new SchemaRegistryException("Schema registry answered " + method + " " + path + about(subject)
          + " with a body that is not JSON: " + abbreviate(body), 0, 0, subject, e);
    }
  }

  private HttpRequest request(String method, String url, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
        .timeout(options.requestTimeout())
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
    String message = abbreviate(body);
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.isObject()) {
        code = json.path("error_code").asInt(0);
        message = json.path("message").asText(message);
      }
    } catch (IOException ignored) {
      // not JSON: keep the raw body as the message
    }
    return new SchemaRegistryException("Schema registry refused " + method + " " + path
        + (subject == null ? "" : " for subject " + subject) + ": HTTP " + status
        + (code == 0 ? "" : " error code " + code) + ": " + message, status, code, subject, null);
  }

  private static String about(String subject) {
    return subject == null ? "" : " (subject " + subject + ")";
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static void pauseBeforeRetry(int attempt, int attempts, long millis) {
    if (attempt >= attempts || millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("Interrupted while retrying", 0, 0, null, e);
    }
  }
}
