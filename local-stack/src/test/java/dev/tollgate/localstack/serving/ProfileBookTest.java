package dev.tollgate.localstack.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileBookTest {

  private static final String YAML = """
      default:
        p99LatencyMs: 150
      models:
        fraud-detector:
          "2.0.0": {errorRate: 0.2, p99LatencyMs: 900}
          "*": {errorRate: 0.01}
      """;

  @Test
  void theApiWinsThenTheVersionThenTheModelThenTheDefault() throws Exception {
    ProfileBook book = new ProfileBook();
    assertThat(book.resolve("fraud-detector", "2.0.0").source()).isEqualTo(ProfileBook.Source.BUILT_IN_DEFAULT);

    book.replaceFile(ProfileFile.parse(YAML));

    assertThat(book.resolve("fraud-detector", "2.0.0").profile().errorRate()).isEqualTo(0.2);
    assertThat(book.resolve("fraud-detector", "2.0.0").source()).isEqualTo(ProfileBook.Source.FILE);
    assertThat(book.resolve("fraud-detector", "1.0.0").profile().errorRate()).isEqualTo(0.01);
    assertThat(book.resolve("fraud-detector", "1.0.0").profile().p99LatencyMs())
        .as("model entries build on the file's default").isEqualTo(150);
    assertThat(book.resolve("fraud-detector", "1.0.0").source()).isEqualTo(ProfileBook.Source.FILE_MODEL_DEFAULT);
    assertThat(book.resolve("churn", "1.0.0").source()).isEqualTo(ProfileBook.Source.FILE_DEFAULT);
    assertThat(book.resolve("churn", "1.0.0").profile().p99LatencyMs()).isEqualTo(150);

    book.put("fraud-detector", "2.0.0", HealthProfile.HEALTHY);
    assertThat(book.resolve("fraud-detector", "2.0.0").source()).isEqualTo(ProfileBook.Source.API);
    assertThat(book.configured()).first().extracting(ProfileBook.Resolved::source).isEqualTo(ProfileBook.Source.API);

    assertThat(book.remove("fraud-detector", "2.0.0")).isTrue();
    assertThat(book.remove("fraud-detector", "2.0.0")).isFalse();
    assertThat(book.resolve("fraud-detector", "2.0.0").source()).isEqualTo(ProfileBook.Source.FILE);
  }

  @Test
  void jsonIsReadToo() throws Exception {
    ProfileFile.Contents contents = ProfileFile.parse(
        "{\"models\":{\"churn\":{\"1.2.0\":{\"errorRate\":0.3,\"customMetrics\":{\"drift\":0.7}}}}}");

    assertThat(contents.models().get("churn").get("1.2.0").customMetrics()).containsEntry("drift", 0.7);
    assertThat(contents.defaultProfile()).isNull();
    assertThat(ProfileFile.parse("  \n")).isEqualTo(ProfileFile.Contents.EMPTY);
  }

  @Test
  void invalidProfilesAreNamedByTheirPathAndTyposAreErrors() {
    assertThatThrownBy(() -> ProfileFile.parse("models:\n  churn:\n    \"1.0\": {errorRate: 2}\n"))
        .isInstanceOf(InvalidProfileException.class)
        .hasMessageContaining("models.churn.1.0.errorRate must be within 0..1");
    assertThatThrownBy(() -> ProfileFile.parse("default: {errorRat: 0.2}\n"))
        .hasMessageContaining("errorRat");
  }

  @Test
  void theWatcherReloadsChangesAndKeepsTheLastGoodFile(@TempDir Path dataDir) throws Exception {
    ProfileBook book = new ProfileBook();
    ProfileFileWatcher watcher = new ProfileFileWatcher(dataDir, book);
    assertThat(watcher.reloadIfChanged()).isFalse();

    Path file = dataDir.resolve("simulator-profiles.yaml");
    Files.writeString(file, YAML);
    assertThat(watcher.reloadIfChanged()).isTrue();
    assertThat(book.resolve("fraud-detector", "2.0.0").profile().errorRate()).isEqualTo(0.2);
    assertThat(watcher.reloadIfChanged()).as("unchanged").isFalse();

    Files.writeString(file, "models: {fraud-detector: {\"2.0.0\": {errorRate: 7}}}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(watcher.reloadIfChanged()).isFalse();
    assertThat(book.resolve("fraud-detector", "2.0.0").profile().errorRate()).as("last good file").isEqualTo(0.2);

    Files.writeString(file, "models: {fraud-detector: {\"2.0.0\": {errorRate: 0.5}}}");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(watcher.reloadIfChanged()).isTrue();
    assertThat(book.resolve("fraud-detector", "2.0.0").profile().errorRate()).isEqualTo(0.5);

    Files.delete(file);
    assertThat(watcher.reloadIfChanged()).isTrue();
    assertThat(book.resolve("fraud-detector", "2.0.0").source()).isEqualTo(ProfileBook.Source.BUILT_IN_DEFAULT);
  }
}
