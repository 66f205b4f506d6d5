package dev.tollgate.bench.audit;

import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.LoadAverage;
import dev.tollgate.bench.RunningStack;
import dev.tollgate.schemas.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How fast audit-service appends lifecycle events to its trail: decoded, hashed into the chain of
 * their partition, inserted with the partition's offset and chain head in one PostgreSQL transaction.
 *
 * <p>The events are produced as fast as the producer goes (Avro, the repo's Confluent-format
 * serializer, schemas registered with the stack's registry) onto four lifecycle topics, keyed by
 * {@code --models} model names, so they spread over every partition. Progress is read from the
 * database, not the producer: the sum of the stored next offsets in {@code consumer_offset}, which
 * only moves when a batch's rows commit. Rates: the whole run (first send until the trail holds the
 * last event) and the drain (the backlog left when production ended, over the time it took), next to
 * the raw producer rate.
 */
public final class AuditIngestBenchmark {

  private final RunningStack stack;
  private final long events;
  private final int models;
  private final String prefix;

  public AuditIngestBenchmark(RunningStack stack, BenchmarkOptions options) {
    this.stack = stack;
    this.events = Long.parseLong(options.get("events", "500000"));
    this.models = options.getInt("models", 200);
    this.prefix = options.get("prefix", "audit-" + UUID.randomUUID().toString().substring(0, 6));
  }

  public void run() throws Exception {
    // deployments one minute apart, ending now: 500,000 events are 50,000 deployments over about 35 days
    long deployments = (events + AuditEvents.EVENTS_PER_DEPLOYMENT - 1) / AuditEvents.EVENTS_PER_DEPLOYMENT;
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(deployments));
    AuditEvents generator = new AuditEvents(prefix, models, start, Duration.ofMinutes(1));
    try (AuditDatabase db = new AuditDatabase(stack); AuditDatabase watcherDb = new AuditDatabase(stack)) {
      long eventsBefore = db.events();
      long unreadableBefore = db.longOf("SELECT count(*) FROM unreadable_record");
      long committedBefore = db.committedOffsets();
      System.out.printf(Locale.ROOT, "audit trail holds %,d events; producing %,d events of %,d deployments over %d models"
          + " (prefix %s)  [%s]%n", eventsBefore, events, deployments, models, prefix, LoadAverage.now());

      Progress progress = new Progress();
      Thread watcher = new Thread(() -> watch(watcherDb, committedBefore, progress), "audit-progress");
      watcher.setDaemon(true);
      watcher.start();

      long produceStart = System.nanoTime();
      produce(generator);
      long produced = System.nanoTime();
      long committedAtProduced = progress.committed.get();
      progress.awaitAll(events, Duration.ofMinutes(30));
      long caughtUp = progress.caughtUpAt.get();
      watcher.interrupt();
      watcher.join(5_000);

      long appended = db.events() - eventsBefore;
      long unreadable = db.longOf("SELECT count(*) FROM unreadable_record") - unreadableBefore;
      double produceRate = events / seconds(produced - produceStart);
      double overallRate = events / seconds(caughtUp - produceStart);
      long backlog = events - committedAtProduced;
      double drainRate = backlog / seconds(caughtUp - produced);

      System.out.println();
      System.out.printf(Locale.ROOT, "audit-ingest (%,d events, %d models; trail now %,d events)  [%s]%n",
          events, models, eventsBefore + appended, LoadAverage.now());
      row("producer (Avro, acks=all)", produceRate, "");
      row("audit-service, whole run", overallRate, "first send -> last event committed, sharing the CPU with the producer");
      row("audit-service, drain", drainRate, String.format(Locale.ROOT,
          "backlog of %,d after production ended", backlog));
      System.out.printf(Locale.ROOT, "  rows appended %,d, unreadable/duplicate links %,d   (target >= 20,000 events/s)%n",
          appended, unreadable);
      if (appended != events || unreadable != 0) {
        throw new IllegalStateException("expected " + events + " new events and no unreadable link, found "
            + appended + " and " + unreadable);
      }
    }
  }

  private static void row(String what, double rate, String note) {
    System.out.printf(Locale.ROOT, "  %-32s %,12.0f events/s   %s%n", what, rate, note);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void produce(AuditEvents generator) throws InterruptedException {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    config.put("schema.registry.url", stack.registryUrl());
    Map<String, Serializer<SpecificRecord>> serializers = new HashMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      for (long i = 0; i < events && failure.get() == null; i++) {
        AuditEvents.Produced event = generator.event(i);
        Topic<String, ?> topic = event.topic();
        Serializer<SpecificRecord> serializer = serializers.computeIfAbsent(topic.name(),
            name -> (Serializer<SpecificRecord>) (Serializer) topic.valueSerde(config).serializer());
        byte[] value = serializer.serialize(topic.name(), event.value());
        producer.send(new ProducerRecord<>(topic.name(), event.key(), value), (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing events failed", failure.get());
    }
  }

  /** Stored offsets advanced since the start, sampled every 100 ms. */
  private static final class Progress {
    final AtomicLong committed = new AtomicLong();
    final AtomicLong caughtUpAt = new AtomicLong();

    void awaitAll(long expected, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (caughtUpAt.get() == 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("audit-service committed " + committed.get() + " of " + expected
              + " events within " + timeout);
        }
        Thread.sleep(50);
      }
    }
  }

  private void watch(AuditDatabase db, long committedBefore, Progress progress) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        long done = db.committedOffsets() - committedBefore;
        long now = System.nanoTime();
        progress.committed.set(done);
        if (done >= events && progress.caughtUpAt.get() == 0) {
          progress.caughtUpAt.set(now);
          return;
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        System.err.println("cannot read the stored offsets: " + e);
      }
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
