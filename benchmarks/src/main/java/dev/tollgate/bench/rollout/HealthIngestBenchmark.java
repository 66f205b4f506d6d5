package dev.tollgate.bench.rollout;

import dev.tollgate.bench.ApprovalApi;
import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.RunningStack;
import dev.tollgate.bench.ThreadCpu;
import dev.tollgate.events.HealthSample;
import dev.tollgate.schemas.topic.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How fast rollout-service ingests health samples that it aggregates (each model has a rollout
 * baking in a long pause, so every sample lands in an analysis window), next to how fast a plain
 * consumer reads the same records from the same broker.
 *
 * <p>By default the samples are produced in one transaction, so rollout-service (reading
 * read_committed, as every Tollgate consumer does) sees none of them until the commit and then drains
 * the whole backlog with the machine to itself, as the raw consumer does afterwards: the drain rate
 * is the ingest's capacity. With {@code --backlog false} they are produced without a transaction and
 * consumed as they come, sharing the CPU with the producer. A sample counts as ingested
 * once both stages are through with it: the health ingest has committed its offset (and with it the
 * batch that carries it), and the controller has added it to an analysis window (the Prometheus
 * counter of aggregated samples, which the controller's next exactly-once commit, at most a commit
 * interval later, makes durable).
 */
public final class HealthIngestBenchmark {

  /** Lenient thresholds so the bake checks pass on healthy samples; the long pause keeps the window open. */
  private static final String BAKING_STRATEGY = """
      {"kind":"CANARY","steps":[{"setWeight":10},{"pause":{"durationSeconds":3600}},
       {"analysis":{"intervalSeconds":3600,"count":1,"minSampleCount":1,"maxErrorRate":0.5,"maxP99LatencyMs":10000}}]}""";

  private final RunningStack stack;
  private final long measuredSamples;
  private final long warmupSamples;
  private final int rounds;
  /** Samples of the round under way. */
  private long samples;
  private final int models;
  private final boolean backlog;
  private final String ingestGroup;
  private final String prefix = "ingest-" + UUID.randomUUID().toString().substring(0, 6);
  private final RolloutApi rollout = new RolloutApi();

  public HealthIngestBenchmark(RunningStack stack, BenchmarkOptions options) {
    this.stack = stack;
    this.measuredSamples = Long.parseLong(options.get("samples", "2000000"));
    this.warmupSamples = Long.parseLong(options.get("warmup", "1000000"));
    this.rounds = options.getInt("rounds", 3);
    this.models = options.getInt("models", 6);
    this.backlog = Boolean.parseBoolean(options.get("backlog", "true"));
    this.ingestGroup = options.get("application-id", "tollgate-rollout") + "-health-ingest";
  }

  public void run() throws Exception {
    List<String> names = new ArrayList<>();
    try (BenchPlatform platform = new BenchPlatform(stack, prefix)) {
      ApprovalApi approvals = new ApprovalApi(stack.approval());
      for (int i = 0; i < models; i++) {
        String model = prefix + "-" + i;
        approvals.deploy(model, "1.0.0", BAKING_STRATEGY);
        names.add(model);
      }
      for (String model : names) {
        rollout.awaitState(stack.rollout(), model, "1.0.0",
            s -> s.path("status").asText().equals("ROLLING_OUT") && s.path("currentStepIndex").asInt() == 1,
            Duration.ofSeconds(60));
      }
      System.out.printf(Locale.ROOT, "%d models baking in a pause (every sample is aggregated)%n", models);
      if (warmupSamples > 0) {
        samples = warmupSamples;
        round(names, false);
      }
      samples = measuredSamples;
      List<Double> drains = new ArrayList<>();
      List<Double> shares = new ArrayList<>();
      for (int r = 1; r <= rounds; r++) {
        System.out.printf(Locale.ROOT, "%nround %d of %d%n", r, rounds);
        double[] drainAndRaw = round(names, true);
        drains.add(drainAndRaw[0]);
        shares.add(drainAndRaw[0] / drainAndRaw[1]);
      }
      drains.sort(null);
      shares.sort(null);
      System.out.printf(Locale.ROOT, "%nmedian of %d rounds: drain %,.0f samples/s, drain / raw %.0f %%   "
          + "(targets: >= 100,000 samples/s per instance, >= 50 %% of raw)%n", rounds, drains.get(rounds / 2),
          100 * shares.get(rounds / 2));
    }
  }

  /**
   * Produces {@link #samples} samples and waits until rollout-service has ingested them all; when
   * reporting, reads them again with the raw consumer. Returns the drain and raw rates.
   */
  private double[] round(List<String> names, boolean report) throws Exception {
    Map<String, Double> fatesBefore = fates();
    Map<TopicPartition, Long> start = endOffsets();
    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
    long startTotal = committedTotal(admin, start);
    double aggregatedBefore = fatesBefore.getOrDefault("aggregated", 0.0);
    Progress progress = new Progress();
    Thread watcher = new Thread(() -> watch(admin, start, startTotal, aggregatedBefore, progress), "progress");
    watcher.setDaemon(true);
    watcher.start();

    long produceStart = System.nanoTime();
    produce(names);
    long produced = System.nanoTime();
    long committedAtProduced = progress.committed.get();
    List<Map<String, Long>> cpuBefore = cpu();
    progress.awaitAll(samples, Duration.ofMinutes(15));
    List<Map<String, Long>> cpuAfter = cpu();
    long caughtUp = progress.caughtUpAt.get();
    watcher.interrupt();
    watcher.join(5_000);
    admin.close();

    Map<String, Double> fatesAfter = fates();
    if (!report) {
      // the raw consumer warms up too, so that each round compares two warm readers
      double raw = rawConsumerRate(start);
      System.out.printf(Locale.ROOT, "warm-up: %,d samples, drained at %,.0f samples/s, raw %,.0f (not the figures)%n",
          samples, (samples - committedAtProduced) / seconds(caughtUp - produced), raw);
      return new double[] {0, 0};
    }
    double produceRate = samples / seconds(produced - produceStart);
    double overallRate = samples / seconds(caughtUp - produceStart);
    long behind = samples - committedAtProduced;
    double drainRate = behind / seconds(caughtUp - produced);
    double rawRate = rawConsumerRate(start);

    System.out.println();
    System.out.println("health-ingest (" + String.format(Locale.ROOT, "%,d", samples) + " samples, " + models
        + " models, " + stack.rollouts().size() + " rollout-service instance(s))");
    row("producer (Avro, acks=all)", produceRate, this.backlog ? "one transaction: nothing readable before its commit" : "");
    if (!backlog) {
      row("rollout-service, whole run", overallRate,
          "first send -> last sample ingested, sharing the CPU with the producer");
    }
    row("rollout-service, drain", drainRate, String.format(Locale.ROOT,
        "backlog of %,d after production, alone on the machine", behind));
    row("raw KafkaConsumer (bytes)", rawRate, "same records, same broker, nothing else running");
    printCpu(cpuBefore, cpuAfter, behind);
    System.out.printf(Locale.ROOT, "  drain / raw = %.0f %%   (targets: >= 100,000 samples/s per instance, >= 50 %% of raw)%n",
        100 * drainRate / rawRate);
    Map<String, Double> delta = new HashMap<>();
    fatesAfter.forEach((fate, count) -> delta.put(fate, count - fatesBefore.getOrDefault(fate, 0.0)));
    System.out.println("  tollgate_rollout_health_samples_total during the run, by fate: " + delta);
    return new double[] {drainRate, rawRate};
  }

  /** CPU ticks by thread group of each rollout-service instance, then of the launcher JVM (the broker's). */
  private List<Map<String, Long>> cpu() {
    List<Map<String, Long>> snapshots = new ArrayList<>();
    stack.rolloutPids().forEach(pid -> snapshots.add(ThreadCpu.snapshot(pid)));
    snapshots.add(ThreadCpu.snapshot(stack.launcherPid()));
    return snapshots;
  }

  /** Where the drain's CPU went, per 100,000 samples: the service's own work next to the JIT, GC and broker. */
  private void printCpu(List<Map<String, Long>> before, List<Map<String, Long>> after, long drained) {
    if (after.stream().allMatch(Map::isEmpty)) {
      return;
    }
    System.out.println("  CPU during the drain, ms per 100,000 samples (from /proc; the broker runs in the launcher JVM):");
    for (int i = 0; i < after.size(); i++) {
      if (!after.get(i).isEmpty()) {
        String who = i < stack.rolloutPids().size() ? "rollout-service #" + (i + 1) : "launcher (broker, registry)";
        System.out.printf(Locale.ROOT, "    %-28s %s%n", who, ThreadCpu.perUnit(before.get(i), after.get(i), drained, 100_000));
      }
    }
  }

  private static void row(String what, double rate, String note) {
    System.out.printf(Locale.ROOT, "  %-32s %,12.0f samples/s   %s%n", what, rate, note);
  }

  private void produce(List<String> names) throws InterruptedException {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    config.put("schema.registry.url", stack.registryUrl());
    AtomicReference<Exception> failure = new AtomicReference<>();
    if (backlog) {
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-samples");
    }
    try (KafkaProducer<String, HealthSample> producer = new KafkaProducer<>(config, new StringSerializer(),
        Topics.HEALTH_SAMPLES.valueSerde(config).serializer())) {
      if (backlog) {
        producer.initTransactions();
        producer.beginTransaction();
      }
      for (long i = 0; i < samples && failure.get() == null; i++) {
        String model = names.get((int) (i % names.size()));
        producer.send(new ProducerRecord<>(Topics.HEALTH_SAMPLES.name(), model, HealthSamples.healthy(model, "1.0.0")),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      if (backlog && failure.get() == null) {
        producer.commitTransaction();
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing samples failed", failure.get());
    }
  }

  /** Samples through both stages (the fewer of committed and aggregated), sampled every 100 ms. */
  private static final class Progress {
    final AtomicLong committed = new AtomicLong();
    final AtomicLong caughtUpAt = new AtomicLong();

    void awaitAll(long expected, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (committed.get() < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("rollout-service ingested " + committed.get() + " of " + expected
              + " samples within " + timeout);
        }
        Thread.sleep(50);
      }
    }
  }

  private void watch(Admin admin, Map<TopicPartition, Long> start, long startTotal, double aggregatedBefore,
      Progress progress) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        long committed = committedTotal(admin, start) - startTotal;
        long aggregated = (long) (fates().getOrDefault("aggregated", 0.0) - aggregatedBefore);
        long done = Math.min(committed, aggregated);
        long now = System.nanoTime();
        if (done >= samples && progress.caughtUpAt.get() == 0) {
          progress.caughtUpAt.set(now);
        }
        progress.committed.set(done);
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        System.err.println("cannot read committed offsets: " + e);
      }
    }
  }

  private long committedTotal(Admin admin, Map<TopicPartition, Long> partitions) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(ingestGroup)
        .partitionsToOffsetAndMetadata().get();
    long total = 0;
    for (TopicPartition partition : partitions.keySet()) {
      OffsetAndMetadata offset = offsets.get(partition);
      total += offset == null ? 0 : offset.offset();
    }
    return total;
  }

  private Map<TopicPartition, Long> endOffsets() {
    try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
      List<TopicPartition> partitions = partitions(consumer);
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }

  /** A plain consumer, byte-array deserializers, reading the run's samples from where they start. */
  private double rawConsumerRate(Map<TopicPartition, Long> start) {
    try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
      consumer.assign(start.keySet());
      start.forEach(consumer::seek);
      long read = 0;
      long begin = System.nanoTime();
      while (read < samples) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        read += records.count();
      }
      return read / seconds(System.nanoTime() - begin);
    }
  }

  private KafkaConsumer<byte[], byte[]> rawConsumer() {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
    List<TopicPartition> partitions = new ArrayList<>();
    consumer.partitionsFor(Topics.HEALTH_SAMPLES.name())
        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    return partitions;
  }

  private Map<String, Double> fates() throws Exception {
    Map<String, Double> fates = new HashMap<>();
    for (URI instance : stack.rollouts()) {
      rollout.sampleFates(instance).forEach((fate, count) -> fates.merge(fate, count, Double::sum));
    }
    return fates;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
