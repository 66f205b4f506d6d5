package dev.tollgate.schemas.compatibility;

import static dev.tollgate.schemas.compatibility.CompatibilityLevel.BACKWARD;
import static dev.tollgate.schemas.compatibility.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static dev.tollgate.schemas.compatibility.CompatibilityLevel.FORWARD;
import static dev.tollgate.schemas.compatibility.CompatibilityLevel.FORWARD_TRANSITIVE;
import static dev.tollgate.schemas.compatibility.CompatibilityLevel.FULL;
import static dev.tollgate.schemas.compatibility.CompatibilityLevel.FULL_TRANSITIVE;
import static dev.tollgate.schemas.compatibility.CompatibilityLevel.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each level judged on concrete evolutions, one step (v1 -> v2) at a time. */
class CompatibilityLevelTest {

  static Schema record(String fields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Model\",\"namespace\":\"t\",\"fields\":["
        + fields + "]}");
  }

  static final String A = "{\"name\":\"a\",\"type\":\"string\"}";
  static final String B_DEFAULT = "{\"name\":\"b\",\"type\":\"int\",\"default\":0}";
  static final String B = "{\"name\":\"b\",\"type\":\"int\"}";

  static Schema withEnum(String symbols, boolean withDefault) {
    return record("{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"Kind\",\"symbols\":[" + symbols + "]"
        + (withDefault ? ",\"default\":\"UNKNOWN\"" : "") + "}}");
  }

  static final Set<CompatibilityLevel> ALL = EnumSet.allOf(CompatibilityLevel.class);
  static final Set<CompatibilityLevel> BACKWARD_ONLY = EnumSet.of(NONE, BACKWARD, BACKWARD_TRANSITIVE);
  static final Set<CompatibilityLevel> FORWARD_ONLY = EnumSet.of(NONE, FORWARD, FORWARD_TRANSITIVE);

  static Stream<Arguments> evolutions() {
    return Stream.of(
        Arguments.of("add field with default", record(A), record(A + "," + B_DEFAULT), ALL),
        Arguments.of("add field without default", record(A), record(A + "," + B), FORWARD_ONLY),
        Arguments.of("remove field with default", record(A + "," + B_DEFAULT), record(A), ALL),
        Arguments.of("remove field without default", record(A + "," + B), record(A), BACKWARD_ONLY),
        Arguments.of("rename via alias", record(A),
            record("{\"name\":\"name\",\"type\":\"string\",\"aliases\":[\"a\"]}"), BACKWARD_ONLY),
        Arguments.of("widen int to long", record(B), record("{\"name\":\"b\",\"type\":\"long\"}"), BACKWARD_ONLY),
        Arguments.of("change string to int", record(A), record("{\"name\":\"a\",\"type\":\"int\"}"), EnumSet.of(NONE)),
        Arguments.of("enum symbol add, enum has default", withEnum("\"UNKNOWN\",\"CANARY\"", true),
            withEnum("\"UNKNOWN\",\"CANARY\",\"AB\"", true), ALL),
        Arguments.of("enum symbol add, enum without default", withEnum("\"UNKNOWN\",\"CANARY\"", false),
            withEnum("\"UNKNOWN\",\"CANARY\",\"AB\"", false), BACKWARD_ONLY),
        Arguments.of("union branch add", record("{\"name\":\"u\",\"type\":[\"null\",\"string\"]}"),
            record("{\"name\":\"u\",\"type\":[\"null\",\"string\",\"int\"]}"), BACKWARD_ONLY),
        Arguments.of("union branch remove", record("{\"name\":\"u\",\"type\":[\"null\",\"string\",\"int\"]}"),
            record("{\"name\":\"u\",\"type\":[\"null\",\"string\"]}"), FORWARD_ONLY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evolutions")
  void judgesEachEvolutionAtEveryLevel(String evolution, Schema v1, Schema v2, Set<CompatibilityLevel> allowedBy) {
    for (CompatibilityLevel level : CompatibilityLevel.values()) {
      List<String> violations = level.violations(v2, List.of(v1));
      assertThat(violations.isEmpty()).as("%s under %s: %s", evolution, level, violations)
          .isEqualTo(allowedBy.contains(level));
      assertThat(level.isCompatible(v2, List.of(v1))).isEqualTo(violations.isEmpty());
    }
  }

  @Test
  void addingARequiredFieldNamesItAndTheDirection() {
    assertThat(BACKWARD.violations(record(A + "," + B), List.of(record(A)))).singleElement().asString()
        .startsWith("the new schema cannot read data written with the latest version (1): Model.b: field has no default")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(FORWARD.violations(record(A), List.of(record(A + "," + B)))).singleElement().asString()
        .startsWith("the latest version (1) cannot read data written with the new schema: Model.b:");
  }

  @Test
  void typeChangeNamesTheField() {
    assertThat(BACKWARD.violations(record("{\"name\":\"a\",\"type\":\"int\"}"), List.of(record(A))))
        .singleElement().asString().contains("Model.a: type changed").contains("INT").contains("STRING");
  }

  @Test
  void transitiveLevelsCheckEveryVersionNonTransitiveOnlyTheLatest() {
    // v1 {a}, v2 {a, b default}, v3 {a, b required}: v3 reads v2's data, not v1's
    List<Schema> backwardHistory = List.of(record(A), record(A + "," + B_DEFAULT));
    Schema v3 = record(A + "," + B);
    assertThat(BACKWARD.violations(v3, backwardHistory)).isEmpty();
    assertThat(BACKWARD_TRANSITIVE.violations(v3, backwardHistory)).singleElement().asString()
        .contains("version 1").contains("Model.b");
    assertThat(FULL.violations(v3, backwardHistory)).isEmpty();
    assertThat(FULL_TRANSITIVE.violations(v3, backwardHistory)).singleElement().asString().contains("version 1");

    // v1 {a, b required}, v2 {a, b default}, v3 {a}: v2 reads v3's data, v1 does not
    List<Schema> forwardHistory = List.of(record(A + "," + B), record(A + "," + B_DEFAULT));
    Schema dropped = record(A);
    assertThat(FORWARD.violations(dropped, forwardHistory)).isEmpty();
    assertThat(FORWARD_TRANSITIVE.violations(dropped, forwardHistory)).singleElement().asString()
        .startsWith("version 1 cannot read data written with the new schema: Model.b");
  }

  @Test
  void nothingToCompareWithIsAlwaysCompatible() {
    Arrays.stream(CompatibilityLevel.values())
        .forEach(level -> assertThat(level.violations(record(A), List.of())).isEmpty());
  }

  @Test
  void parsesLevelsAsTheRestApiSpellsThem() {
    assertThat(CompatibilityLevel.parse("backward_transitive")).isEqualTo(BACKWARD_TRANSITIVE);
    assertThat(CompatibilityLevel.parse(" FULL ")).isEqualTo(FULL);
    assertThat(CompatibilityLevel.parse("SOMETIMES")).isNull();
    assertThat(CompatibilityLevel.parse(null)).isNull();
  }

  @Test
  void changedRecordInsideAUnionIsReportedAtTheField() {
    Schema v1 = new Schema.Parser().parse("""
        {"type":"record","name":"Event","namespace":"t","fields":[{"name":"payload","type":[
          {"type":"record","name":"Started","fields":[{"name":"step","type":"int"}]},
          {"type":"record","name":"Stopped","fields":[{"name":"reason","type":"string"}]}]}]}""");
    Schema v2 = new Schema.Parser().parse("""
        {"type":"record","name":"Event","namespace":"t","fields":[{"name":"payload","type":[
          {"type":"record","name":"Started","fields":[{"name":"step","type":"int"}]},
          {"type":"record","name":"Stopped","fields":[{"name":"reason","type":"string"},
            {"name":"ticket","type":"string"}]}]}]}""");

    assertThat(BACKWARD.violations(v2, List.of(v1))).singleElement().asString()
        .contains("Event.payload[Stopped].ticket: field has no default");
  }

  @Test
  void removedUnionBranchIsNamed() {
    Schema v1 = record("{\"name\":\"u\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Gone\",\"fields\":[]}]}");
    Schema v2 = record("{\"name\":\"u\",\"type\":[\"null\"]}");

    assertThat(BACKWARD.violations(v2, List.of(v1))).singleElement().asString()
        .contains("Model.u[Gone]: union branch Gone is unknown to the reader");
  }
}
