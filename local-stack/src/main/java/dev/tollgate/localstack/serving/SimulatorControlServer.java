package dev.tollgate.localstack.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's control API on its own loopback port, for demos and tests (no auth: it runs
 * only on a developer's machine):
 * <ul>
 *   <li>{@code PUT /profiles/{model}/{version}} body {@code {"errorRate":0.2,"p99LatencyMs":900}}:
 *       that version's profile from now on (omitted members: the default profile's); 200 with the
 *       profile in force, 400 problem naming each bad member;</li>
 *   <li>{@code GET /profiles/{model}/{version}}: the profile in force and where it comes from;</li>
 *   <li>{@code DELETE /profiles/{model}/{version}}: back to the file's or the default profile, 204
 *       (404 when the API had set none);</li>
 *   <li>{@code GET /profiles}: the default and every configured profile;</li>
 *   <li>{@code GET /traffic}: the split in effect per model and environment.</li>
 * </ul>
 * Errors are RFC 9457 problem details.
 */
public final class SimulatorControlServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimulatorControlServer.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final ProfileBook profiles;
  private final SimulatedPlatform platform;

  private SimulatorControlServer(HttpServer server, ExecutorService executor, ProfileBook profiles,
      SimulatedPlatform platform) {
    this.server = server;
    this.executor = executor;
    this.profiles = profiles;
    this.platform = platform;
  }

  /** Listens on 127.0.0.1:{@code port} (0: a free port). */
  public static SimulatorControlServer start(int port, ProfileBook profiles, SimulatedPlatform platform)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread thread = new Thread(r, "serving-simulator-http");
      thread.setDaemon(true);
      return thread;
    });
    SimulatorControlServer control = new SimulatorControlServer(server, executor, profiles, platform);
    server.createContext("/", control::handle);
    server.setExecutor(executor);
    server.start();
    return control;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      List<String> path = segments(exchange.getRequestURI().getRawPath());
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      if (path.equals(List.of("profiles"))) {
        requireMethod(method, "GET");
        send(exchange, 200, allProfiles());
      } else if (path.size() == 3 && path.get(0).equals("profiles")) {
        profile(exchange, method, path.get(1), path.get(2));
      } else if (path.equals(List.of("traffic"))) {
        requireMethod(method, "GET");
        send(exchange, 200, traffic());
      } else {
        throw new Problem(404, "Not Found", "no such resource: " + exchange.getRequestURI().getPath()
            + " (try /profiles/{model}/{version} or /traffic)", List.of());
      }
    } catch (Problem p) {
      sendProblem(exchange, p);
    } catch (RuntimeException e) {
      log.warn("Serving simulator: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      sendProblem(exchange, new Problem(500, "Internal Server Error", e.toString(), List.of()));
    } finally {
      exchange.close();
    }
  }

  private void profile(HttpExchange exchange, String method, String model, String version) throws IOException {
    switch (method) {
      case "GET" -> send(exchange, 200, view(profiles.resolve(model, version)));
      case "PUT" -> {
        HealthProfile.Spec spec = readSpec(exchange);
        HealthProfile profile;
        try {
          profile = spec.resolve(profiles.defaultProfile());
        } catch (InvalidProfileException e) {
          throw new Problem(400, "Bad Request", "invalid profile: " + e.getMessage(), e.problems());
        }
        profiles.put(model, version, profile);
        log.info("Serving simulator: profile of {} {} set to {}", model, version, profile);
        send(exchange, 200, view(profiles.resolve(model, version)));
      }
      case "DELETE" -> {
        if (!profiles.remove(model, version)) {
          throw new Problem(404, "Not Found", "no profile of " + model + " " + version + " was set over this API",
              List.of());
        }
        log.info("Serving simulator: profile of {} {} reset", model, version);
        exchange.sendResponseHeaders(204, -1);
      }
      default -> throw notAllowed(method, "GET, PUT, DELETE");
    }
  }

  private static HealthProfile.Spec readSpec(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new Problem(413, "Content Too Large", "a profile is at most " + MAX_BODY_BYTES + " bytes", List.of());
    }
    if (body.length == 0) {
      throw new Problem(400, "Bad Request", "the body must be a JSON profile, e.g. {\"errorRate\":0.2}", List.of());
    }
    try {
      HealthProfile.Spec spec = JSON.readValue(body, HealthProfile.Spec.class);
      if (spec == null) {
        throw new Problem(400, "Bad Request", "the body must be a JSON object", List.of());
      }
      return spec;
    } catch (MismatchedInputException e) {
      String field = e.getPath().isEmpty() ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
      throw new Problem(400, "Bad Request", "invalid profile: " + e.getOriginalMessage(),
          List.of(new InvalidProfileException.Problem(field == null ? "body" : field, e.getOriginalMessage())));
    } catch (JsonProcessingException e) {
      throw new Problem(400, "Bad Request", "the body is not JSON: " + e.getOriginalMessage(), List.of());
    }
  }

  private Map<String, Object> allProfiles() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("default", profiles.defaultProfile());
    List<Object> configured = new ArrayList<>();
    profiles.configured().forEach(r -> configured.add(view(r)));
    all.put("profiles", configured);
    return all;
  }

  private List<Object> traffic() {
    List<Object> splits = new ArrayList<>();
    for (SimulatedPlatform.LiveSplit split : platform.live()) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("model", split.model());
      view.put("environment", split.environment());
      List<Object> weights = new ArrayList<>();
      for (TrafficSplit.Share share : split.shares()) {
        Map<String, Object> weight = new LinkedHashMap<>();
        weight.put("modelVersion", share.version());
        weight.put("weight", share.weight());
        weights.add(weight);
      }
      view.put("weights", weights);
      view.put("previewVersions", split.previewVersions());
      view.put("commandId", split.commandId());
      view.put("appliedAt", split.appliedAt().toString());
      splits.add(view);
    }
    return splits;
  }

  private static Map<String, Object> view(ProfileBook.Resolved resolved) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("model", resolved.model());
    view.put("version", resolved.version());
    view.put("source", resolved.source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    view.put("profile", resolved.profile());
    return view;
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw notAllowed(method, allowed);
    }
  }

  private static Problem notAllowed(String method, String allowed) {
    return new Problem(405, "Method Not Allowed", method + " is not allowed here; allowed: " + allowed, List.of());
  }

  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    write(exchange, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void sendProblem(HttpExchange exchange, Problem p) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", p.title);
    body.put("status", p.status);
    body.put("detail", p.getMessage());
    body.put("instance", exchange.getRequestURI().getPath());
    if (!p.errors.isEmpty()) {
      body.put("errors", p.errors);
    }
    write(exchange, p.status, "application/problem+json", JSON.writeValueAsBytes(body));
  }

  private static void write(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** An error answered as a problem detail. */
  private static final class Problem extends RuntimeException {
    private final int status;
    private final String title;
    private final List<InvalidProfileException.Problem> errors;

    Problem(int status, String title, String detail, List<InvalidProfileException.Problem> errors) {
      super(detail);
      this.status = status;
      this.title = title;
      this.errors = List.copyOf(errors);
    }
  }
}
