package dev.tollgate.rollout.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdTest {

  @Test
  void anInstanceKeepsItsIdAcrossRestartsAndAnotherStateDirectoryGetsAnother(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("instance-1/streams");
    Path second = dir.resolve("instance-2/streams");

    String id = InstanceId.of(first);

    assertThat(InstanceId.of(first)).isEqualTo(id);
    assertThat(Files.readString(first.resolve(InstanceId.FILE)).trim()).isEqualTo(id);
    assertThat(InstanceId.of(second)).isNotEqualTo(id);
    try (var files = Files.list(first)) {
      assertThat(files).as("no temporary file left behind").containsExactly(first.resolve(InstanceId.FILE));
    }
  }
}
