package dev.tollgate.rollout.streams;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the {@link KafkaStreams} client with the application context. It never calls
 * {@code cleanUp()}: the local state is what lets a restart resume without replaying changelogs.
 */
public final class RolloutStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RolloutStreams.class);

  private final Topology topology;
  private final Properties properties;
  private final Duration closeTimeout;
  private volatile KafkaStreams streams;
  private volatile boolean running;

  public RolloutStreams(Topology topology, Properties properties, Duration closeTimeout) {
    this.topology = topology;
    this.properties = properties;
    this.closeTimeout = closeTimeout;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    KafkaStreams client = new KafkaStreams(topology, properties);
    client.setStateListener((next, previous) -> log.info("Rollout streams {} -> {}", previous, next));
    client.setUncaughtExceptionHandler(error -> {
      // fail visibly (health DOWN) rather than retry a record that keeps failing
      log.error("Rollout streams thread failed; shutting the streams client down", error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    client.start();
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

  /** The client's state, or null before {@link #start()}. */
  public KafkaStreams.State state() {
    KafkaStreams client = streams;
    return client == null ? null : client.state();
  }
}
