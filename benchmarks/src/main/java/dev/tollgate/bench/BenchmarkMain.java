package dev.tollgate.bench;

import dev.tollgate.bench.approval.ApprovalLatencyBenchmark;
import dev.tollgate.bench.audit.AuditExplainBenchmark;
import dev.tollgate.bench.audit.AuditIngestBenchmark;
import dev.tollgate.bench.audit.AuditQueryBenchmark;
import dev.tollgate.bench.audit.AuditVerifyBenchmark;
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
                              options: --deployments N (200) --warmup N (300) --clients N (50) --seconds N (20)
            health-ingest     rollout-service's ingest rate of aggregated health samples next to a raw consumer's
                              (stack started with --no-simulator)
                              options: --samples N (2000000) --models N (6) --application-id ID (tollgate-rollout)
            rollback-latency  breaching sample produced -> RollbackTriggered committed (p50/p99)
                              (stack started with --no-simulator)
                              options: --rollouts N (50) --warmup N (5)
            state-query       state query REST latency, local and forwarded (stack with --rollout-instances 2)
                              options: --models N (6) --rounds N (300) --warmup N (50)
            audit-ingest      audit-service's ingest rate (hashed, offsets committed with the rows) from the database,
                              next to the producer's
                              options: --events N (500000) --models N (200) --prefix P (random)
            audit-verify      wall time of GET /api/v1/verify over the whole trail (first call, then repeated)
                              options: --repeats N (3) --min-events N (1000000)
            audit-query       auditor timeline and filter query latency over REST (p50/p99)
                              options: --rounds N (200) --warmup N (30) --min-events N (1000000)
            audit-explain     EXPLAIN (ANALYZE, BUFFERS) of each auditor query's SQL on the stack's trail
                              options: --min-events N (1000000)
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
      case "audit-ingest" -> new AuditIngestBenchmark(stack, options).run();
      case "audit-verify" -> new AuditVerifyBenchmark(stack, options).run();
      case "audit-query" -> new AuditQueryBenchmark(stack, options).run();
      case "audit-explain" -> new AuditExplainBenchmark(stack, options).run();
      default -> throw new IllegalArgumentException("unknown benchmark " + args[0] + "; see --help");
    }
  }
}
