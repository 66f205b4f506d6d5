package dev.tollgate.bench.audit;

import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.RunningStack;

public final class AuditExplainBenchmark {
  public AuditExplainBenchmark(RunningStack stack, BenchmarkOptions options) {}

  public void run() {
    throw new UnsupportedOperationException("not yet");
  }
}
