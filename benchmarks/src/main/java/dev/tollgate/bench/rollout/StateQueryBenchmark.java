package dev.tollgate.bench.rollout;

import dev.tollgate.bench.ApprovalApi;
import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.LatencyRecorder;
import dev.tollgate.bench.RunningStack;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Latency of rollout-service's state queries over REST, sequential, per kind of query and split by
 * who answered: the instance asked (local) or the owner it forwarded to (forwarded). Forwarding
 * needs a stack with several instances ({@code ./tollgate-local --rollout-instances 2}); with one,
 * only local figures appear.
 */
public final class StateQueryBenchmark {

  private final RunningStack stack;
  private final int models;
  private final int rounds;
  private final int warmupRounds;
  private final String prefix = "query-" + UUID.randomUUID().toString().substring(0, 6);
  private final RolloutApi rollout = new RolloutApi();

  public StateQueryBenchmark(RunningStack stack, BenchmarkOptions options) {
    this.stack = stack;
    this.models = options.getInt("models", 6);
    this.rounds = options.getInt("rounds", 300);
    // 400 rounds (19,200 calls on two instances) let C2 compile the query and forwarding paths on a
    // fresh stack; with 50 its compilations landed in the measured rounds and made their p99
    this.warmupRounds = options.getInt("warmup", 400);
  }

  public void run() throws Exception {
    List<String> names = new ArrayList<>();
    Instant between;
    try (BenchPlatform platform = new BenchPlatform(stack, prefix)) {
      ApprovalApi approvals = new ApprovalApi(stack.approval());
      for (int i = 0; i < models; i++) {
        names.add(prefix + "-" + i);
      }
      promoteAll(approvals, names, "1.0.0");
      between = Instant.now();
      promoteAll(approvals, names, "2.0.0");
    }
    Map<String, LatencyRecorder> latencies = new LinkedHashMap<>();
    for (int round = 0; round < warmupRounds + rounds; round++) {
      for (URI instance : stack.rollouts()) {
        for (String model : names) {
          Map<String, String> queries = new LinkedHashMap<>();
          queries.put("version state", "/api/v1/models/" + model + "/versions/2.0.0/environments/staging");
          queries.put("all versions", "/api/v1/models/" + model + "/versions/1.0.0");
          queries.put("live", "/api/v1/models/" + model + "/environments/staging/live");
          queries.put("live at a past time", "/api/v1/models/" + model + "/environments/staging/live?at=" + between);
          for (Map.Entry<String, String> query : queries.entrySet()) {
            long start = System.nanoTime();
            RolloutApi.Reply reply = rollout.get(URI.create(instance + query.getValue()));
            long took = System.nanoTime() - start;
            if (reply.status() != 200) {
              throw new IllegalStateException(instance + query.getValue() + " answered " + reply.status() + ": "
                  + reply.body());
            }
            if (round >= warmupRounds) {
              String who = (instance.getHost() + ":" + instance.getPort()).equals(reply.answeredBy())
                  ? "local" : "forwarded";
              latencies.computeIfAbsent(String.format(Locale.ROOT, "%-20s %-9s", query.getKey(), who),
                  k -> new LatencyRecorder()).record(took);
              latencies.computeIfAbsent(String.format(Locale.ROOT, "%-20s %-9s", "all queries", who),
                  k -> new LatencyRecorder()).record(took);
            }
          }
        }
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "state-query (%d models, %d rollout-service instance(s), %d rounds after %d to warm up;"
        + " sequential REST calls)%n", models, stack.rollouts().size(), rounds, warmupRounds);
    latencies.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> System.out.println("  " + e.getKey() + "  " + e.getValue().summary()));
    System.out.println("  target p99 < 10 ms");
  }

  private void promoteAll(ApprovalApi approvals, List<String> names, String version) throws Exception {
    for (String model : names) {
      approvals.deploy(model, version, ApprovalApi.STRAIGHT_TO_100);
    }
    for (String model : names) {
      rollout.awaitState(stack.rollout(), model, version, s -> s.path("status").asText().equals("SUCCEEDED"),
          Duration.ofSeconds(60));
    }
  }
}
