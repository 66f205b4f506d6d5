package dev.tollgate.bench.rollout;

import dev.tollgate.bench.ApprovalApi;
import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.LatencyRecorder;
import dev.tollgate.bench.RunningStack;
import dev.tollgate.bench.TopicTail;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.RollbackTriggered;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.StepStarted;
import dev.tollgate.schemas.topic.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The time from a breaching health sample being produced until {@code RollbackTriggered} is
 * committed on the rollouts topic (seen by a read_committed consumer). Each rollout is a new model
 * baking in a pause whose bake limits (the strategy's analysis thresholds, at least one sample)
 * the one breaching sample fails.
 *
 * <p>What bounds it: the sample reaches the controller on its next poll; the controller judges a
 * baking step on its wall-clock timer ({@code tollgate.rollout.timer-interval}, 250 ms), so the
 * verdict waits up to one interval; the rollback's events then commit with the next exactly-once
 * transaction ({@code tollgate.rollout.commit-interval}, 100 ms), and only then does a
 * read_committed consumer see them. Expect about half a timer interval plus half a commit interval
 * on average, and at worst one of each plus a poll.
 */
public final class RollbackLatencyBenchmark {

  private static final String BAKING_STRATEGY = """
      {"kind":"CANARY","steps":[{"pause":{"durationSeconds":600}},
       {"analysis":{"intervalSeconds":600,"count":1,"minSampleCount":1,"maxErrorRate":0.05,"maxP99LatencyMs":500}}]}""";
  private static final long WAIT_MILLIS = 30_000;

  private final RunningStack stack;
  private final int rollouts;
  private final int warmup;
  private final String prefix = "rollback-" + UUID.randomUUID().toString().substring(0, 6);
  private final Map<String, Long> baking = new ConcurrentHashMap<>();
  private final Map<String, Long> rolledBack = new ConcurrentHashMap<>();

  public RollbackLatencyBenchmark(RunningStack stack, BenchmarkOptions options) {
    this.stack = stack;
    this.rollouts = options.getInt("rollouts", 50);
    this.warmup = options.getInt("warmup", 5);
  }

  public void run() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch ready = new CountDownLatch(1);
    Thread watcher = new Thread(() -> watchRollouts(stop, ready), "rollouts-watcher");
    watcher.start();
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put("schema.registry.url", stack.registryUrl());
    try (BenchPlatform platform = new BenchPlatform(stack, prefix);
        KafkaProducer<String, HealthSample> producer = new KafkaProducer<>(config, new StringSerializer(),
            Topics.HEALTH_SAMPLES.valueSerde(config).serializer())) {
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the rollouts consumer did not get its partitions");
      }
      ApprovalApi approvals = new ApprovalApi(stack.approval());
      LatencyRecorder latency = new LatencyRecorder();
      for (int i = 0; i < warmup + rollouts; i++) {
        String model = prefix + "-" + i;
        String deploymentId = approvals.deploy(model, "1.0.0", BAKING_STRATEGY);
        await(baking, deploymentId, "the pause step of " + model);
        long sentAt = System.nanoTime();
        producer.send(new ProducerRecord<>(Topics.HEALTH_SAMPLES.name(), model,
            HealthSamples.sample(model, "1.0.0", 50, 900))).get();
        long seenAt = await(rolledBack, deploymentId, "RollbackTriggered of " + model);
        if (i >= warmup) {
          latency.record(seenAt - sentAt);
        }
      }
      System.out.println();
      System.out.println("rollback-latency (" + rollouts + " rollouts after " + warmup + " to warm up, each a new model"
          + " baking in a pause; one breaching sample each)");
      System.out.println("  breaching sample sent -> RollbackTriggered committed: " + latency.summary());
      System.out.println("  target p99 < 1000 ms; bounded by the health ingest's flush (100 ms) + the timer interval"
          + " (250 ms) + the commit interval (100 ms) + polls");
    } finally {
      stop.set(true);
      watcher.join(10_000);
    }
  }

  private static long await(Map<String, Long> seen, String deploymentId, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    Long at;
    while ((at = seen.get(deploymentId)) == null) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(what + " (deployment " + deploymentId + ") not seen within 30 s");
      }
      Thread.onSpinWait();
    }
    return at;
  }

  private void watchRollouts(AtomicBoolean stop, CountDownLatch ready) {
    try (KafkaConsumer<String, RolloutEvent> consumer = TopicTail.of(stack, Topics.ROLLOUTS)) {
      ready.countDown();
      while (!stop.get()) {
        for (ConsumerRecord<String, RolloutEvent> record : consumer.poll(java.time.Duration.ofMillis(5))) {
          long now = System.nanoTime();
          String deploymentId = record.value().getEnvelope().getDeploymentId();
          Object payload = record.value().getPayload();
          if (payload instanceof StepStarted) {
            baking.putIfAbsent(deploymentId, now);
          } else if (payload instanceof RollbackTriggered) {
            rolledBack.putIfAbsent(deploymentId, now);
          }
        }
      }
    }
  }
}
