package dev.tollgate.rollout.streams;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the {@link KafkaStreams} client with the application context. It never calls
 * {@code cleanUp()}: the local state is what lets a restart resume without replaying changelogs.
 *
 * <p>Its {@code application.server} (where other instances reach this one's HTTP server) is resolved
 * at start, after the web server has started, so a random server port is advertised correctly.
 */
public final class RolloutStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RolloutStreams.class);

  private final Topology topology;
  private final Properties properties;
  private final Duration closeTimeout;
  private final Supplier<HostInfo> applicationServer;
  private volatile KafkaStreams streams;
  private volatile HostInfo self;
  private volatile boolean running;

  /** @param applicationServer this instance's HTTP host and port, asked for when the client starts */
  public RolloutStreams(Topology topology, Properties properties, Duration closeTimeout,
      Supplier<HostInfo> applicationServer) {
    this.topology = topology;
    this.properties = properties;
    this.closeTimeout = closeTimeout;
    this.applicationServer = applicationServer;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    HostInfo server = applicationServer.get();
    Properties withServer = new Properties();
    withServer.putAll(properties);
    withServer.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server.host() + ":" + server.port());
    KafkaStreams client = new KafkaStreams(topology, withServer);
    client.setStateListener((next, previous) -> log.info("Rollout streams {} -> {}", previous, next));
    client.setUncaughtExceptionHandler(error -> {
      // fail visibly (health DOWN) rather than retry a record that keeps failing
      log.error("Rollout streams thread failed; shutting the streams client down", error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    client.start();
    self = server;
    streams = client;
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    streams.close(closeTimeout);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** The client, or null before {@link #start()}. */
  public KafkaStreams kafkaStreams() {
    return streams;
  }

  /** This instance's {@code application.server}, or null before {@link #start()}. */
  public HostInfo self() {
    return self;
  }

  /** The client's state, or null before {@link #start()}. */
  public KafkaStreams.State state() {
    KafkaStreams client = streams;
    return client == null ? null : client.state();
  }
}
