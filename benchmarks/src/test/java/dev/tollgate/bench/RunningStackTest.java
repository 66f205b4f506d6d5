package dev.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningStackTest {

  @Test
  void aStackStartedWithSomeServicesNamesTheMissingOneWhenABenchmarkNeedsIt(@TempDir Path dir) throws IOException {
    Path json = Files.writeString(dir.resolve("stack.json"), """
        {"kafka": "127.0.0.1:1", "registry": "http://127.0.0.1:2",
         "postgres": {"user": "postgres", "password": "postgres", "jdbcUrls": {"audit": "jdbc:postgresql://127.0.0.1:3/audit"}},
         "services": {"audit-service": {"url": "http://127.0.0.1:4", "pid": 5}}, "launcherPid": 6}""");

    RunningStack stack = RunningStack.read(json);

    assertThat(stack.audit()).isEqualTo(URI.create("http://127.0.0.1:4"));
    assertThat(stack.rollouts()).isEmpty();
    assertThat(stack.launcherPid()).isEqualTo(6);
    assertThatThrownBy(stack::approval).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs approval-service").hasMessageContaining("--services");
    assertThatThrownBy(stack::rollout).hasMessageContaining("needs rollout-service");
  }

  @Test
  void listsEveryRolloutInstanceWithItsProcess(@TempDir Path dir) throws IOException {
    Path json = Files.writeString(dir.resolve("stack.json"), """
        {"kafka": "127.0.0.1:1", "registry": "http://127.0.0.1:2",
         "services": {"rollout-service": {"url": "http://127.0.0.1:7", "pid": 70},
                      "rollout-service-2": {"url": "http://127.0.0.1:8", "pid": 80}}}""");

    RunningStack stack = RunningStack.read(json);

    assertThat(stack.rollouts()).containsExactly(URI.create("http://127.0.0.1:7"), URI.create("http://127.0.0.1:8"));
    assertThat(stack.rolloutPids()).containsExactly(70L, 80L);
    assertThat(stack.launcherPid()).isZero();
  }
}
