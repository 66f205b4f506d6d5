package dev.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void readsUserAndSystemTicksAfterANameThatHoldsSpacesAndParentheses() {
    String stat = "4242 (kafka-pro (x) y) S 1 4240 4240 0 -1 4194368 100 0 0 0 731 42 0 0 20 0 61 0 9000 0 0";

    assertThat(ThreadCpu.nameIn(stat)).isEqualTo("kafka-pro (x) y");
    assertThat(ThreadCpu.ticksIn(stat)).isEqualTo(731 + 42);
  }

  @Test
  void groupsThreadsByWhatTheyDoAsTheKernelNamesThem() {
    assertThat(ThreadCpu.group("health-ingest-1")).isEqualTo("health ingest");
    assertThat(ThreadCpu.group("tollgate-rollou")).isEqualTo("Kafka Streams");
    assertThat(ThreadCpu.group("data-plane-kafk")).isEqualTo("broker requests");
    assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("JIT compilers");
    assertThat(ThreadCpu.group("VM Thread")).isEqualTo("GC and VM");
    assertThat(ThreadCpu.group("Signal Dispatch")).isEqualTo("other");
  }

  @Test
  void reportsWhatEachGroupSpentPerUnitOfWorkLargestFirst() {
    Map<String, Long> before = Map.of("health ingest", 100L, "JIT compilers", 50L);
    Map<String, Long> after = Map.of("health ingest", 400L, "JIT compilers", 150L, "other", 10L);

    // 3 s, 1 s and 0.1 s over 2,000,000 samples, per 100,000
    assertThat(ThreadCpu.perUnit(before, after, 2_000_000, 100_000))
        .isEqualTo("205 ms (health ingest 150, JIT compilers 50, other 5)");
  }

  @Test
  void aProcessThatCannotBeReadGivesAnEmptySnapshot() {
    assertThat(ThreadCpu.snapshot(-1)).isEmpty();
    assertThat(ThreadCpu.perUnit(Map.of(), Map.of(), 1, 1)).isEqualTo("0 ms");
  }

  @Test
  void readsThisProcessesThreadsFromProc() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
    long spin = 0;
    for (long i = 0; i < 300_000_000L; i++) {
      spin += i ^ (spin >>> 3);
    }

    Map<String, Long> ticks = ThreadCpu.snapshot(ProcessHandle.current().pid());

    assertThat(spin).isNotZero();
    assertThat(ticks.values().stream().mapToLong(Long::longValue).sum()).isPositive();
  }
}
