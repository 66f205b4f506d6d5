package dev.tollgate.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's schema evolution guard: the current schemas in src/main/avro must stay
 * BACKWARD_TRANSITIVE-compatible with every released version in src/main/released, so
 * {@code mvn verify} fails on an incompatible change. The deliberately broken copies in
 * src/test/resources/evolution prove the guard fails when it should.
 */
class SchemaEvolutionTest {

  static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

  @Test
  void currentSchemasAreCompatibleWithEveryReleasedVersion() {
    List<String> violations = EvolutionGuard.violations(MODULE);

    assertThat(violations).as(() -> EvolutionGuard.report(violations)).isEmpty();
  }

  @Test
  void parsesLikeTheBuildAndFindsEveryTopLevelSchema() {
    Map<String, Schema> current = SchemaSources.ofModule(MODULE).topLevel();

    assertThat(current).containsOnlyKeys("ApprovalEvent", "AuditCheckpoint", "DeploymentRequestEvent",
        "DeploymentState", "HealthSample", "HealthSampleBatch", "LiveVersion", "OperatorCommand", "RolloutEvent", "TrafficAck", "TrafficCommand");
    assertThat(SchemaSources.ofModule(MODULE).imports()).first().asString().endsWith("common/Envelope.avsc");
  }

  @Test
  void everyTopicValueSchemaIsTheParsedSourceAndIsReleased() {
    Map<String, Schema> current = SchemaSources.ofModule(MODULE).topLevel();
    Map<String, List<Schema>> released = ReleasedSchemas.load(MODULE.resolve(ReleasedSchemas.DIRECTORY));

    for (Topic<?, ?> topic : Topics.all()) {
      if (!SpecificRecord.class.isAssignableFrom(topic.valueType())) {
        continue;
      }
      Schema generated = SpecificData.get().getSchema(topic.valueType());
      // the plugin's stringType=String marks string types with a Java-only property; the sources do not
      Schema withoutJavaProps = new Schema.Parser().parse(
          generated.toString().replace(",\"avro.java.string\":\"String\"", ""));
      assertThat(current.get(generated.getName())).as(topic.name()).isEqualTo(withoutJavaProps);
      assertThat(released.get(generated.getName())).as("released versions of " + generated.getName()).isNotEmpty();
    }
  }

  @Test
  void everyEnumDeclaresADefaultSymbol() {
    Map<String, Schema> current = SchemaSources.ofModule(MODULE).topLevel();
    List<String> enums = current.values().stream().flatMap(s -> EvolutionGuard.namedTypes(s).values().stream())
        .filter(s -> s.getType() == Schema.Type.ENUM).map(Schema::getName).distinct().toList();

    assertThat(enums).contains("DeploymentStatus", "RollbackTrigger", "StrategyKind");
    current.values().forEach(s -> assertThat(EvolutionGuard.enumsWithoutDefault(s)).isEmpty());
  }

  @Test
  void everyFieldAddedSinceV1HasADefault() {
    Map<String, Schema> current = SchemaSources.ofModule(MODULE).topLevel();
    ReleasedSchemas.load(MODULE.resolve(ReleasedSchemas.DIRECTORY)).forEach((name, versions) ->
        assertThat(EvolutionGuard.fieldsAddedWithoutDefault(versions.get(0), current.get(name))).as(name).isEmpty());
  }

  @Test
  void rejectsARequiredFieldAddedToAUnionBranch(@TempDir Path dir) throws IOException {
    Path module = copyOfModuleWith(dir, "ApprovalEvent-required-field.avsc");

    List<String> violations = EvolutionGuard.violations(module);

    assertThat(violations).anySatisfy(v -> assertThat(v)
        .startsWith("ApprovalEvent: BACKWARD_TRANSITIVE: the new schema cannot read data written with version 1")
        .contains("ApprovalEvent.payload[DeploymentApproved].changeTicket: field has no default"));
    assertThat(violations).contains("ApprovalEvent: field DeploymentApproved.changeTicket was added after v1 without a default");
    assertThat(EvolutionGuard.report(violations)).contains("schema evolution violation(s)").contains("changeTicket");
  }

  @Test
  void rejectsAChangedFieldType(@TempDir Path dir) throws IOException {
    Path module = copyOfModuleWith(dir, "ApprovalEvent-type-change.avsc");

    // one violation per released version it can no longer read (transitive)
    assertThat(EvolutionGuard.violations(module)).hasSize(2).allSatisfy(v -> assertThat(v)
        .contains("ApprovalEvent.payload[GateApproved].stepIndex: type changed")
        .contains("STRING").contains("INT"))
        .anySatisfy(v -> assertThat(v).contains("version 1")).anySatisfy(v -> assertThat(v).contains("version 2"));
  }

  @Test
  void acceptsACompatibleChangeAndSnapshotsItAsTheNextVersion(@TempDir Path dir) throws IOException {
    Path module = copyOfModuleWith(dir, "ApprovalEvent-compatible.avsc");
    assertThat(EvolutionGuard.violations(module)).isEmpty();

    List<Path> written = ReleasedSchemas.snapshot(module);

    assertThat(written).containsExactly(module.resolve("src/main/released/ApprovalEvent/v3.avsc"));
    List<Schema> versions = ReleasedSchemas.load(module.resolve(ReleasedSchemas.DIRECTORY)).get("ApprovalEvent");
    assertThat(versions).hasSize(3);
    assertThat(versions.get(2)).isEqualTo(SchemaSources.ofModule(module).topLevel().get("ApprovalEvent"));
    assertThat(ReleasedSchemas.snapshot(module)).isEmpty();
    assertThat(EvolutionGuard.violations(module)).isEmpty();
  }

  @Test
  void refusesToSnapshotAnIncompatibleChange(@TempDir Path dir) throws IOException {
    Path module = copyOfModuleWith(dir, "ApprovalEvent-type-change.avsc");

    assertThatThrownBy(() -> ReleasedSchemas.snapshot(module))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("stepIndex");
    assertThat(module.resolve("src/main/released/ApprovalEvent/v3.avsc")).doesNotExist();
  }

  @Test
  void enumWithoutDefaultIsReported() {
    Schema schema = new Schema.Parser().parse("""
        {"type":"record","name":"R","namespace":"t","fields":[
          {"name":"k","type":{"type":"enum","name":"Kind","symbols":["A","B"]}}]}""");

    assertThat(EvolutionGuard.enumsWithoutDefault(schema)).singleElement().asString().contains("t.Kind");
  }

  @Test
  void aRemovedTopLevelSchemaAndAnUnreleasedOneAreReported() {
    Schema r = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");
    Schema s = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"S\",\"fields\":[]}");

    assertThat(EvolutionGuard.violations(Map.of("S", s), Map.of("R", List.of(r))))
        .containsExactlyInAnyOrder("R: was released but no longer exists; producers may still write it",
            "S: has no released version; snapshot it with ReleasedSchemas");
  }

  /** A copy of this module's pom, sources and released schemas, with one top-level schema replaced. */
  static Path copyOfModuleWith(Path dir, String replacementResource) throws IOException {
    Files.copy(MODULE.resolve("pom.xml"), dir.resolve("pom.xml"));
    copyTree(MODULE.resolve("src/main/avro"), dir.resolve("src/main/avro"));
    copyTree(MODULE.resolve(ReleasedSchemas.DIRECTORY), dir.resolve(ReleasedSchemas.DIRECTORY));
    try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/evolution/" + replacementResource)) {
      Files.copy(in, dir.resolve("src/main/avro/ApprovalEvent.avsc"), StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
