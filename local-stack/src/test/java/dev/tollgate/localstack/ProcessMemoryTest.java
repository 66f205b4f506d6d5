package dev.tollgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

  @Test
  void parsesProcStatusKilobytes() {
    assertThat(ProcessMemory.parseKilobytes("\t  409600 kB")).isEqualTo(409600);
  }

  @Test
  void measuresThisJvmOnLinux() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");

    OptionalLong rss = ProcessMemory.rssMegabytes(ProcessHandle.current().pid());

    assertThat(rss).isPresent();
    assertThat(rss.getAsLong()).isPositive();
  }

  @Test
  void unknownProcessHasNoRss() {
    assertThat(ProcessMemory.rssMegabytes(-1)).isEmpty();
    assertThat(ProcessMemory.rssMegabytes(Long.MAX_VALUE)).isEmpty();
  }
}
