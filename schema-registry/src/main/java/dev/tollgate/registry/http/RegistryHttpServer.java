package dev.tollgate.registry.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.registry.store.RegistryError;
import dev.tollgate.registry.store.RegistryException;
import dev.tollgate.registry.store.SchemaRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST API on the JDK's HTTP server: a few worker threads, Confluent's media type and error bodies. */
public final class RegistryHttpServer implements AutoCloseable {

  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpServer.class);
  private static final int WORKER_THREADS = 4;

  private final HttpServer server;
  private final ExecutorService workers;
  private final Router router;
  private final ObjectMapper json = new ObjectMapper();

  private RegistryHttpServer(HttpServer server, ExecutorService workers, Router router) {
    this.server = server;
    this.workers = workers;
    this.router = router;
  }

  /** Listens on host:port (0 = any free port) and serves the registry until closed. */
  public static RegistryHttpServer start(String host, int port, SchemaRegistry registry) {
    Router router = new Router();
    SchemaRoutes.addTo(router, registry);
    SubjectRoutes.addTo(router, registry);
    CompatibilityRoutes.addTo(router, registry);
    ConfigRoutes.addTo(router, registry);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, task -> {
      Thread thread = new Thread(task, "schema-registry-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
      RegistryHttpServer http = new RegistryHttpServer(server, workers, router);
      server.createContext("/", http::handle);
      server.setExecutor(workers);
      server.start();
      return http;
    } catch (IOException e) {
      workers.shutdownNow();
      throw new UncheckedIOException("Cannot listen on " + host + ":" + port, e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      ApiResponse response;
      try {
        response = dispatch(exchange);
      } catch (RegistryException e) {
        response = error(e.error(), e.getMessage());
        if (e.error().httpStatus() >= 500) {
          LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage(), e);
        }
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        response = error(RegistryError.INTERNAL, "Internal server error: " + e);
      }
      byte[] body = response.rawJson() != null
          ? response.rawJson().getBytes(StandardCharsets.UTF_8)
          : json.writeValueAsBytes(response.body());
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(response.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private ApiResponse dispatch(HttpExchange exchange) throws IOException {
    Router.Match match = router.route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
    byte[] body = exchange.getRequestBody().readAllBytes();
    ApiRequest request = new ApiRequest(match.pathVariables(), Router.query(exchange.getRequestURI().getRawQuery()),
        exchange.getRequestHeaders().getFirst("Content-Type"), body, json);
    return match.handler().handle(request);
  }

  private static ApiResponse error(RegistryError error, String message) {
    return new ApiResponse(error.httpStatus(), new Views.Error(error.code(), message), null);
  }

  /** Stops accepting requests, lets running ones finish briefly, and stops the workers. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdownNow();
  }
}
