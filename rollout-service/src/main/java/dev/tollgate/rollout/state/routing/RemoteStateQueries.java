package dev.tollgate.rollout.state.routing;

import dev.tollgate.rollout.state.StateNotReadyException;
import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.state.domain.LivePeriod;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.core.type.TypeReference;

/**
 * The queries of another instance, over its internal endpoints ({@code /internal/v1/state/...}),
 * which answer only from that instance's own stores, so a forwarded query is never forwarded
 * again. No answer within the timeout, a refused connection or a 503 (the state moved, the instance
 * is rebalancing) is a {@link StateNotReadyException}: the caller answers 503 and the client retries.
 */
public final class RemoteStateQueries implements StateQueries {

  /** The internal endpoints' prefix; {@code InternalStateController} serves them. */
  public static final String PATH = "/internal/v1/state";

  private static final TypeReference<DeploymentView> VIEW = new TypeReference<>() {};
  private static final TypeReference<List<DeploymentView>> VIEWS = new TypeReference<>() {};
  private static final TypeReference<List<LiveDeployment>> LIVE = new TypeReference<>() {};
  private static final TypeReference<LivePeriod> PERIOD = new TypeReference<>() {};
  private static final TypeReference<Boolean> BOOLEAN = new TypeReference<>() {};

  private final String base;
  private final String instance;
  private final int timeoutMillis;

  private RemoteStateQueries(HostInfo host, Duration timeout) {
    this.instance = host.host() + ":" + host.port();
    this.base = "http://" + instance + PATH;
    this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
  }

  /** Queries of any other instance; connecting and answering may each take {@code timeout}. */
  public static Function<HostInfo, StateQueries> over(Duration timeout) {
    return host -> new RemoteStateQueries(host, timeout);
  }

  @Override
  public Optional<DeploymentView> deployment(String model, String version, String environment) {
    return find("/models/" + seg(model) + "/versions/" + seg(version) + "/environments/" + seg(environment), VIEW);
  }

  @Override
  public List<DeploymentView> deployments(String model, String version) {
    return get("/models/" + seg(model) + "/versions/" + seg(version), VIEWS);
  }

  @Override
  public List<LiveDeployment> live(String model) {
    return get("/models/" + seg(model) + "/live", LIVE);
  }

  @Override
  public Optional<LivePeriod> liveAt(String model, String environment, Instant at) {
    return find("/models/" + seg(model) + "/environments/" + seg(environment) + "/live?at=" + at, PERIOD);
  }

  @Override
  public boolean knowsModel(String model) {
    return get("/models/" + seg(model) + "/known", BOOLEAN);
  }

  @Override
  public Optional<DeploymentView> deploymentById(String deploymentId) {
    return find("/deployments/" + seg(deploymentId), VIEW);
  }

  @Override
  public Optional<DeploymentView> active(String model, String environment) {
    return find("/models/" + seg(model) + "/environments/" + seg(environment) + "/active", VIEW);
  }

  private <T> T get(String path, TypeReference<T> type) {
    return find(path, type).orElseThrow(() -> new StateNotReadyException(instance + " found nothing at " + path, null));
  }

  /**
   * 200: the answer; 404: nothing there; anything else: that instance cannot answer now. A blocking
   * call on the request's own thread over a kept-alive connection: no hand-offs between threads,
   * which under load were most of a forwarded query's latency.
   */
  private <T> Optional<T> find(String path, TypeReference<T> type) {
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      int status = connection.getResponseCode();
      try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
        return switch (status) {
          case 200 -> Optional.of(StateWire.read(bytes, type));
          case 404 -> Optional.empty();
          default -> throw new StateNotReadyException(instance + " answered " + status + ": "
              + new String(bytes, StandardCharsets.UTF_8), null);
        };
      }
    } catch (IOException e) {
      if (connection != null) {
        connection.disconnect();
      }
      throw new StateNotReadyException("the instance that owns the state, " + instance + ", did not answer: " + e, e);
    }
  }

  private static String seg(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
