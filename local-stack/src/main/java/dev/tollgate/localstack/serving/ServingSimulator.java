package dev.tollgate.localstack.serving;

import dev.tollgate.events.HealthSample;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.localstack.LocalStackException;
import dev.tollgate.schemas.topic.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's serving platform: a {@link TrafficCommandAdapter} on a {@link SimulatedPlatform}
 * (so rollout-service gets its traffic acknowledgements), a {@link HealthSampleEmitter} publishing
 * synthetic health per serving version, the profiles file watched in the data dir, and the
 * {@link SimulatorControlServer}. Runs in the launcher JVM; needs the catalog topics and the schema
 * registry.
 */
public final class ServingSimulator implements AutoCloseable {

  /** Consumer group of the traffic command adapter. */
  public static final String GROUP_ID = "serving-simulator";
  /**
   * Stable across restarts, so a restarted simulator fences its predecessor and aborts the
   * transaction it may have left open instead of waiting for it to time out.
   */
  public static final String TRANSACTIONAL_ID = "tollgate-serving-simulator";
  public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofMillis(500);
  static final Duration PROFILE_RELOAD_INTERVAL = Duration.ofSeconds(1);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(ServingSimulator.class);

  /**
   * @param controlPort port of the control API on 127.0.0.1 (0: a free one)
   * @param dataDir where the profiles file is looked for
   */
  public record Settings(String kafkaBootstrap, String registryUrl, int controlPort, Path dataDir,
      Duration sampleInterval) {}

  private final SimulatorControlServer control;
  private final ScheduledExecutorService scheduler;
  private final TrafficCommandAdapter adapter;
  private final Thread adapterThread;
  private final KafkaProducer<String, HealthSample> sampleProducer;

  private ServingSimulator(SimulatorControlServer control, ScheduledExecutorService scheduler,
      TrafficCommandAdapter adapter, Thread adapterThread, KafkaProducer<String, HealthSample> sampleProducer) {
    this.control = control;
    this.scheduler = scheduler;
    this.adapter = adapter;
    this.adapterThread = adapterThread;
    this.sampleProducer = sampleProducer;
  }

  public static ServingSimulator start(Settings settings) {
    Clock clock = Clock.systemUTC();
    Supplier<String> ids = () -> UUID.randomUUID().toString();
    Map<String, Object> serdeConfig = Map.of("schema.registry.url", settings.registryUrl());
    ProfileBook profiles = new ProfileBook();
    ProfileFileWatcher watcher = new ProfileFileWatcher(settings.dataDir(), profiles);
    watcher.reloadIfChanged();
    SimulatedPlatform platform = new SimulatedPlatform(profiles, clock);

    KafkaConsumer<String, byte[]> consumer = null;
    KafkaProducer<String, TrafficAck> ackProducer = null;
    KafkaProducer<String, HealthSample> sampleProducer = null;
    SimulatorControlServer control = null;
    try {
      consumer = new KafkaConsumer<>(consumerConfig(settings.kafkaBootstrap()), new StringDeserializer(),
          new ByteArrayDeserializer());
      ackProducer = new KafkaProducer<>(ackProducerConfig(settings.kafkaBootstrap()), new StringSerializer(),
          Topics.TRAFFIC_ACKS.valueSerde(serdeConfig).serializer());
      ackProducer.initTransactions();
      sampleProducer = new KafkaProducer<>(sampleProducerConfig(settings.kafkaBootstrap()), new StringSerializer(),
          Topics.HEALTH_SAMPLES.valueSerde(serdeConfig).serializer());
      control = SimulatorControlServer.start(settings.controlPort(), profiles, platform);
    } catch (IOException | RuntimeException e) {
      closeAll(control, consumer, ackProducer, sampleProducer);
      throw new LocalStackException("the serving simulator did not start: " + e.getMessage(), e);
    }

    consumer.subscribe(List.of(Topics.TRAFFIC_COMMANDS.name()));
    TrafficCommandAdapter adapter = new TrafficCommandAdapter(consumer, ackProducer,
        Topics.TRAFFIC_COMMANDS.valueSerde(serdeConfig).deserializer(), platform,
        new TrafficAcks(TrafficAcks.SIMULATOR_ACTOR, clock, ids));
    KafkaConsumer<String, byte[]> adapterConsumer = consumer;
    KafkaProducer<String, TrafficAck> adapterProducer = ackProducer;
    Thread adapterThread = new Thread(() -> {
      try {
        adapter.run();
      } finally {
        closeAll(adapterConsumer, adapterProducer);
      }
    }, "serving-simulator-commands");
    adapterThread.start();

    HealthSampleEmitter emitter = new HealthSampleEmitter(platform, profiles, new SyntheticHealth(new Random()),
        sampleProducer, settings.sampleInterval(), clock, ids);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "serving-simulator-samples");
      thread.setDaemon(true);
      return thread;
    });
    long intervalMillis = settings.sampleInterval().toMillis();
    scheduler.scheduleAtFixedRate(guarded("emitting health samples", emitter::emit), intervalMillis, intervalMillis,
        TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(guarded("reloading profiles", watcher::reloadIfChanged),
        PROFILE_RELOAD_INTERVAL.toMillis(), PROFILE_RELOAD_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    log.debug("Serving simulator ready: acknowledging traffic commands, a health sample per serving version every {}"
        + " ms, control API on {}", intervalMillis, control.url());
    return new ServingSimulator(control, scheduler, adapter, adapterThread, sampleProducer);
  }

  /** Base URL of the control API. */
  public String controlUrl() {
    return control.url();
  }

  @Override
  public void close() {
    control.close();
    scheduler.shutdownNow();
    adapter.stop();
    try {
      adapterThread.join(STOP_TIMEOUT.toMillis());
      scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sampleProducer.close(STOP_TIMEOUT);
  }

  /** A scheduled task that logs its failure instead of silently ending the schedule. */
  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("Serving simulator: {} failed", what, e);
      }
    };
  }

  private static Map<String, Object> consumerConfig(String bootstrap) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID,
        ConsumerConfig.CLIENT_ID_CONFIG, GROUP_ID + "-commands",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
  }

  private static Map<String, Object> ackProducerConfig(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.CLIENT_ID_CONFIG, GROUP_ID + "-acks",
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID,
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all");
  }

  private static Map<String, Object> sampleProducerConfig(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.CLIENT_ID_CONFIG, GROUP_ID + "-samples",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5);
  }

  private static void closeAll(AutoCloseable... closeables) {
    for (AutoCloseable closeable : closeables) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.debug("Serving simulator: close failed", e);
        }
      }
    }
  }
}
