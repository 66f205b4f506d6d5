package dev.tollgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

  @Test
  void aSecondLockOnTheSameDirIsRefusedUntilTheFirstIsReleased(@TempDir Path dir) throws Exception {
    Path dataDir = dir.resolve("stack");
    try (DataDirLock first = DataDirLock.acquire(dataDir)) {
      assertThat(Files.readString(dataDir.resolve(DataDirLock.FILE_NAME)))
          .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
      assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining("already running on " + dataDir)
          .hasMessageContaining("launcher pid " + ProcessHandle.current().pid());
    }
    DataDirLock.acquire(dataDir).close();
  }

  @Test
  void cleaningKeepsOnlyTheLock(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("kafka/data"));
    Files.writeString(dir.resolve("kafka/data/meta.properties"), "x");
    Files.writeString(dir.resolve("stack.json"), "{}");
    try (DataDirLock lock = DataDirLock.acquire(dir)) {
      lock.cleanDataDir();
    }
    assertThat(dir.toFile().list()).containsExactly(DataDirLock.FILE_NAME);
  }

  @Test
  void refusesToCleanAForeignNonEmptyDirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");

    assertThatThrownBy(() -> DataDirLock.requireCleanable(dir))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("refusing to --clean");
  }

  @Test
  void cleansAnEmptyMissingOrPreviousDataDir(@TempDir Path dir) throws Exception {
    DataDirLock.requireCleanable(dir);
    DataDirLock.requireCleanable(dir.resolve("missing"));
    // a fresh --data-dir: the launcher's logging has made an empty logs/ by the time it checks
    Path fresh = Files.createDirectories(dir.resolve("fresh"));
    Files.createDirectories(DataDirLayout.logDir(fresh));
    DataDirLock.requireCleanable(fresh);
    Files.writeString(DataDirLayout.logDir(fresh).resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> DataDirLock.requireCleanable(fresh)).hasMessageContaining("refusing to --clean");
    Files.writeString(dir.resolve(DataDirLock.FILE_NAME), "1");
    Files.writeString(dir.resolve("other"), "x");
    DataDirLock.requireCleanable(dir);
  }
}
