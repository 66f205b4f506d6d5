package dev.tollgate.bench;

import dev.tollgate.bench.approval.ApprovalLatencyBenchmark;
import dev.tollgate.bench.rollout.HealthIngestBenchmark;
import dev.tollgate.bench.rollout.RollbackLatencyBenchmark;
import dev.tollgate.bench.rollout.StateQueryBenchmark;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs one benchmark against a running local stack:
 * {@code java -jar benchmarks/target/tollgate-benchmarks.jar <benchmark> --stack .tollgate/stack.json [options]}.
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help")) {
      System.out.println("""
          usage: java -jar benchmarks/target/tollgate-benchmarks.jar <benchmark> [--stack FILE] [options]
            approval-latency  last approval's REST call -> DeploymentApproved committed on Kafka (p50/p99),
                              then approval API throughput with concurrent clients
                              options: --deployments N (200) --clients N (50) --seconds N (20)
            health-ingest     rollout-service's ingest rate of aggregated health samples next to a raw consumer's
                              (stack started with --no-simulator)
                              options: --samples N (2000000) --models N (6) --application-id ID (tollgate-rollout)
            rollback-latency  breaching sample produced -> RollbackTriggered committed (p50/p99)
                              (stack started with --no-simulator)
                              options: --rollouts N (50) --warmup N (5)
            state-query       state query REST latency, local and forwarded (stack with --rollout-instances 2)
                              options: --models N (6) --rounds N (300) --warmup N (50)
            --stack FILE      the stack.json that ./tollgate-local writes (default .tollgate/stack.json)""");
      return;
    }
    BenchmarkOptions options = BenchmarkOptions.parse(Arrays.copyOfRange(args, 1, args.length));
    RunningStack stack = RunningStack.read(Path.of(options.get("stack", ".tollgate/stack.json")));
    switch (args[0]) {
      case "approval-latency" -> new ApprovalLatencyBenchmark(stack, options).run();
      case "health-ingest" -> new HealthIngestBenchmark(stack, options).run();
      case "rollback-latency" -> new RollbackLatencyBenchmark(stack, options).run();
      case "state-query" -> new StateQueryBenchmark(stack, options).run();
      default -> throw new IllegalArgumentException("unknown benchmark " + args[0] + "; see --help");
    }
  }
}
