package dev.tollgate.rollout.ingest;

import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the health ingest's consumers ({@link HealthIngestLoop}), each on its own thread, with the
 * application context. A consumer whose clients fail is replaced after a pause, and resumes from
 * the committed offsets.
 *
 * <p>Why not in Kafka Streams: the controller pays Streams' per-record cost (record queues, metrics,
 * store layers, serdes) on every input record, which capped it at about an eighth of what a plain
 * consumer reads. Samples arrive at a far higher rate than anything else, so a plain consumer
 * regroups them first and the controller meets a few batches per lane and commit instead.
 *
 * <p>Each thread's transactional id is stable across restarts of this instance (the instance id is
 * kept in the state directory), so a restarted instance aborts its predecessor's open transaction at
 * once instead of leaving read_committed readers waiting for the transaction timeout.
 */
public final class HealthIngest implements SmartLifecycle {

  /** The consumer named in dead-letter headers. */
  public static final String CONSUMER = "rollout-service";

  private static final Logger log = LoggerFactory.getLogger(HealthIngest.class);

  private final Map<String, Object> clientConfig;
  private final String groupId;
  private final String transactionalIdPrefix;
  private final HealthIngestProperties properties;
  private final IngestCounts counts;
  private final Clock clock;
  private final List<Worker> workers = new ArrayList<>();
  private volatile boolean running;

  /**
   * @param clientConfig bootstrap servers, schema.registry.url and any security settings
   * @param groupId the consumer group of every instance's ingest
   * @param transactionalIdPrefix unique to this instance and stable across its restarts
   */
  public HealthIngest(Map<String, Object> clientConfig, String groupId, String transactionalIdPrefix,
      HealthIngestProperties properties, IngestCounts counts, Clock clock) {
    this.clientConfig = clientConfig;
    this.groupId = groupId;
    this.transactionalIdPrefix = transactionalIdPrefix;
    this.properties = properties;
    this.counts = counts;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (int i = 0; i < properties.threads(); i++) {
      Worker worker = new Worker(transactionalIdPrefix + "-" + i);
      workers.add(worker);
      worker.thread.start();
    }
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    workers.forEach(Worker::stop);
    long half = properties.closeTimeout().toMillis() / 2;
    try {
      for (Worker worker : workers) {
        worker.thread.join(half);
        if (worker.thread.isAlive()) {
          // blocked beyond a poll (a broker out of reach): what it has not committed is read again
          worker.thread.interrupt();
          worker.thread.join(half);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** True while every consumer is polling (none is starting, or waiting to be replaced). */
  public boolean polling() {
    return running && workers.stream().allMatch(w -> w.loop != null && w.loop.polling());
  }

  private final class Worker {
    private final String transactionalId;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile HealthIngestLoop loop;

    Worker(String transactionalId) {
      this.transactionalId = transactionalId;
      this.thread = new Thread(this::run, "health-ingest-" + transactionalId.substring(transactionalId.lastIndexOf('-') + 1));
      // stop() ends it; a JVM exiting without a stop() (a test's) need not wait for it
      thread.setDaemon(true);
    }

    void stop() {
      stopped.countDown();
      HealthIngestLoop current = loop;
      if (current != null) {
        current.stop();
      }
    }

    private void run() {
      while (running) {
        KafkaConsumer<byte[], byte[]> consumer = null;
        KafkaProducer<byte[], byte[]> producer = null;
        HealthIngestLoop current = null;
        boolean failed = false;
        try {
          consumer = consumer(transactionalId);
          producer = producer(transactionalId);
          current = new HealthIngestLoop(consumer, producer, sampleDeserializer(), keySerializer(),
              batchSerializer(), properties, counts, clock);
          loop = current;
          if (!running) {
            return;
          }
          current.run();
        } catch (RuntimeException e) {
          counts.failed();
          failed = true;
          log.error("Health ingest {} failed; replacing its consumer and producer in {} (they resume from the "
              + "committed offsets)", transactionalId, properties.restartBackoff(), e);
        } finally {
          loop = null;
          if (current != null) {
            // its commit thread must be done with the producer before anything else touches it
            current.close();
          }
          if (failed) {
            abortQuietly(producer);
          }
          closeQuietly(consumer);
          closeQuietly(producer);
        }
        try {
          if (stopped.await(properties.restartBackoff().toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void closeQuietly(AutoCloseable client) {
    if (client == null) {
      return;
    }
    try {
      if (client instanceof KafkaConsumer<?, ?> consumer) {
        consumer.close(Duration.ofMillis(properties.closeTimeout().toMillis() / 2));
      } else if (client instanceof KafkaProducer<?, ?> producer) {
        producer.close(Duration.ofMillis(properties.closeTimeout().toMillis() / 2));
      }
    } catch (Exception e) {
      log.warn("Closing a health ingest client failed", e);
    }
  }

  private static void abortQuietly(KafkaProducer<byte[], byte[]> producer) {
    if (producer == null) {
      return;
    }
    try {
      producer.abortTransaction();
    } catch (RuntimeException ignored) {
      // no transaction open, or the producer is fenced: the broker aborts it either way
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer(String clientId) {
    Map<String, Object> config = only(ConsumerConfig.configNames());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-consumer");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // a new group starts with the samples produced from now on: old ones belong to closed windows
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaProducer<byte[], byte[]> producer(String transactionalId) {
    Map<String, Object> config = only(ProducerConfig.configNames());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId + "-producer");
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) properties.transactionTimeout().toMillis());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // a broker out of reach fails initTransactions and commits within this, and the loop starts over
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The client config's entries a client of that kind knows, so none is logged as unknown. */
  private Map<String, Object> only(Set<String> known) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.keySet().removeIf(key -> !known.contains(key));
    return config;
  }

  private Deserializer<HealthSample> sampleDeserializer() {
    return Topics.HEALTH_SAMPLES.valueSerde(clientConfig).deserializer();
  }

  private Serializer<String> keySerializer() {
    return Topics.HEALTH_SAMPLE_BATCHES.keySerde(clientConfig).serializer();
  }

  private Serializer<HealthSampleBatch> batchSerializer() {
    return Topics.HEALTH_SAMPLE_BATCHES.valueSerde(clientConfig).serializer();
  }
}
