package dev.tollgate.bench.approval;

import dev.tollgate.bench.ApprovalApi;
import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.LatencyRecorder;
import dev.tollgate.bench.RunningStack;
import dev.tollgate.bench.TopicTail;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.schemas.topic.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Measures the hop an approver waits on: the last approval's REST call until
 * {@code DeploymentApproved} is committed on Kafka (seen by a read_committed consumer), and the
 * approval API's throughput under concurrent clients.
 *
 * <p>Deployments cycle through a fixed set of models (one per client in the throughput phase), each
 * request approved before the next of its model is made, so none supersedes another. A new model
 * per deployment would leave one more version live per deployment, and the serving simulator
 * reports health for every live version: after a few thousand deployments that background load,
 * not the approval path, would set the tail.
 */
public final class ApprovalLatencyBenchmark {

  private final RunningStack stack;
  private final int deployments;
  private final int clients;
  private final int seconds;
  private final int warmup;
  private final ApprovalApi api;
  private final String runId = UUID.randomUUID().toString().substring(0, 6);
  /** How many models the sequential phase cycles through. */
  private static final int SEQUENTIAL_MODELS = 10;
  private final AtomicLong versions = new AtomicLong();

  public ApprovalLatencyBenchmark(RunningStack stack, BenchmarkOptions options) {
    this.stack = stack;
    this.api = new ApprovalApi(stack.approval());
    this.deployments = options.getInt("deployments", 200);
    this.clients = options.getInt("clients", 50);
    this.seconds = options.getInt("seconds", 20);
    this.warmup = options.getInt("warmup", 300);
  }

  /**
   * When the watcher saw a deployment's {@code DeploymentApproved}: its own clock, the wall clock, and
   * the record's timestamp (the relay's send, stamped by its producer), to split the hop.
   */
  private record Seen(long nanos, long wallMillis, long sentMillis) {}

  public void run() throws Exception {
    Map<String, Seen> approvedSeenAt = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch consumerReady = new CountDownLatch(1);
    Thread watcher = new Thread(() -> watchApprovals(approvedSeenAt, stop, consumerReady), "approved-watcher");
    watcher.start();
    if (!consumerReady.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the approvals consumer did not get its partitions");
    }
    try {
      // the services' JIT compiles the approval path over the first few hundred round trips
      System.out.println("warm-up: " + warmup + " deployments");
      measureLatency(warmup, approvedSeenAt, new Split());
      Split split = new Split();
      measureLatency(deployments, approvedSeenAt, split);
      System.out.println("approve REST call -> DeploymentApproved committed (sequential, " + deployments
          + " deployments): " + split.hop.summary());
      // where it goes: the call itself (decision committed in PostgreSQL), then the relay picking the
      // row up, then its Kafka transaction until a read_committed consumer sees the event
      System.out.println("  of which the approve call: " + split.call.summary());
      System.out.println("  call returned -> relay sent (ms clock): " + split.toRelay.summary());
      System.out.println("  relay sent -> seen committed (ms clock): " + split.toConsumer.summary());
      measureThroughput();
    } finally {
      stop.set(true);
      watcher.join(10_000);
    }
  }

  /** The hop and its parts; the parts after the call use millisecond wall clocks (record timestamps). */
  private static final class Split {
    final LatencyRecorder hop = new LatencyRecorder();
    final LatencyRecorder call = new LatencyRecorder();
    final LatencyRecorder toRelay = new LatencyRecorder();
    final LatencyRecorder toConsumer = new LatencyRecorder();
  }

  private void measureLatency(int count, Map<String, Seen> approvedSeenAt, Split split) throws Exception {
    for (int i = 0; i < count; i++) {
      String id = createDeployment(model("seq-" + (i % SEQUENTIAL_MODELS)));
      long sentAt = System.nanoTime();
      approve(id);
      long returnedAt = System.nanoTime();
      long returnedWall = System.currentTimeMillis();
      split.call.record(returnedAt - sentAt);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      Seen seen;
      while ((seen = approvedSeenAt.get(id)) == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("DeploymentApproved for " + id + " not seen within 30 s");
        }
        Thread.onSpinWait();
      }
      split.hop.record(seen.nanos() - sentAt);
      split.toRelay.record(TimeUnit.MILLISECONDS.toNanos(Math.max(0, seen.sentMillis() - returnedWall)));
      split.toConsumer.record(TimeUnit.MILLISECONDS.toNanos(Math.max(0, seen.wallMillis() - seen.sentMillis())));
    }
  }

  /** {@code clients} threads each create and approve deployments for {@code seconds}. */
  private void measureThroughput() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong approvals = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    LatencyRecorder approveCall = new LatencyRecorder();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (int c = 0; c < clients; c++) {
      String model = model("client-" + c);
      pool.execute(() -> {
        while (System.nanoTime() < end) {
          try {
            String id = createDeployment(model);
            long start = System.nanoTime();
            approve(id);
            approveCall.record(System.nanoTime() - start);
            approvals.incrementAndGet();
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    System.out.printf(Locale.ROOT, "approval API, %d concurrent clients for %d s: %.1f approvals/s (each after its own"
            + " create, so %.1f requests/s), %d failures; approve call: %s%n",
        clients, seconds, approvals.get() / (double) seconds, 2 * approvals.get() / (double) seconds, failures.get(),
        approveCall.count() == 0 ? "-" : approveCall.summary());
  }

  private String model(String name) {
    return "bench-" + runId + "-" + name;
  }

  private String createDeployment(String model) throws IOException, InterruptedException {
    // a new version each time: a repeated model version would be refused as already requested
    return api.request(model, "1.0." + versions.incrementAndGet(), ApprovalApi.STRAIGHT_TO_100);
  }

  private void approve(String deploymentId) throws IOException, InterruptedException {
    api.approve(deploymentId);
  }

  private void watchApprovals(Map<String, Seen> approvedSeenAt, AtomicBoolean stop, CountDownLatch ready) {
    try (KafkaConsumer<String, ApprovalEvent> consumer = TopicTail.of(stack, Topics.APPROVALS)) {
      ready.countDown();
      while (!stop.get()) {
        for (ConsumerRecord<String, ApprovalEvent> record : consumer.poll(Duration.ofMillis(20))) {
          if (record.value().getPayload() instanceof DeploymentApproved) {
            approvedSeenAt.putIfAbsent(record.value().getEnvelope().getDeploymentId(),
                new Seen(System.nanoTime(), System.currentTimeMillis(), record.timestamp()));
          }
        }
      }
    }
  }
}
