package dev.tollgate.bench.audit;

import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.RunningStack;

public final class AuditQueryBenchmark {
  public AuditQueryBenchmark(RunningStack stack, BenchmarkOptions options) {}

  public void run() {
    throw new UnsupportedOperationException("not yet");
  }
}
