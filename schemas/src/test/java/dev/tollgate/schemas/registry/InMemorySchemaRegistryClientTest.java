package dev.tollgate.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

  static final Schema V1 = parse("[{\"name\":\"seq\",\"type\":\"long\"}]");
  static final Schema V2_WITH_DEFAULT = parse(
      "[{\"name\":\"seq\",\"type\":\"long\"},{\"name\":\"region\",\"type\":\"string\",\"default\":\"eu\"}]");
  static final Schema V2_WITHOUT_DEFAULT = parse(
      "[{\"name\":\"seq\",\"type\":\"long\"},{\"name\":\"region\",\"type\":\"string\"}]");

  final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  static Schema parse(String fields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Ping\",\"namespace\":\"t\",\"fields\":" + fields + "}");
  }

  @Test
  void identicalSchemasShareOneIdAcrossSubjects() {
    int first = registry.register("a-value", V1);
    int again = registry.register("a-value", V1);
    int other = registry.register("b-value", V1);
    int second = registry.register("a-value", V2_WITH_DEFAULT);

    assertThat(again).isEqualTo(first);
    assertThat(other).isEqualTo(first);
    assertThat(second).isNotEqualTo(first);
    assertThat(registry.versions("a-value")).containsExactly(1, 2);
    assertThat(registry.versions("b-value")).containsExactly(1);
    assertThat(registry.schemaById(second)).isEqualTo(V2_WITH_DEFAULT);
    assertThat(registry.latest("a-value")).isEqualTo(
        new SchemaRegistryClient.RegisteredSchema("a-value", 2, second, V2_WITH_DEFAULT));
    assertThat(registry.idOf("b-value", V1)).isEqualTo(first);
  }

  @Test
  void incompatibleRegistrationIsRefusedWith409NamingSubjectAndField() {
    registry.register("a-value", V1);

    var e = catchThrowableOfType(SchemaRegistryException.class, () -> registry.register("a-value", V2_WITHOUT_DEFAULT));

    assertThat(e.httpStatus()).isEqualTo(409);
    assertThat(e.errorCode()).isEqualTo(409);
    assertThat(e.subject()).isEqualTo("a-value");
    assertThat(e).hasMessageContaining("a-value").hasMessageContaining("Ping.region");
    assertThat(registry.versions("a-value")).containsExactly(1);
  }

  @Test
  void compatibilityIsPerSubjectOverGlobal() {
    registry.register("a-value", V1);
    registry.setCompatibility("a-value", "none");

    assertThat(registry.compatibility("a-value")).isEqualTo("NONE");
    assertThat(registry.compatibility(null)).isEqualTo("BACKWARD");
    assertThat(registry.testCompatibility("a-value", V2_WITHOUT_DEFAULT).compatible()).isTrue();
    assertThat(registry.register("a-value", V2_WITHOUT_DEFAULT)).isPositive();
  }

  @Test
  void testCompatibilityExplainsWithoutRegistering() {
    registry.register("a-value", V1);

    var result = registry.testCompatibility("a-value", V2_WITHOUT_DEFAULT);

    assertThat(result.compatible()).isFalse();
    assertThat(result.messages()).singleElement().asString().contains("Ping.region");
    assertThat(registry.versions("a-value")).containsExactly(1);
  }

  @Test
  void invalidLevelIs422() {
    var e = catchThrowableOfType(SchemaRegistryException.class, () -> registry.setCompatibility(null, "SOMETIMES"));

    assertThat(e.httpStatus()).isEqualTo(422);
    assertThat(e.errorCode()).isEqualTo(42203);
  }

  @Test
  void lookupsOfUnknownThingsAre404WithConfluentCodes() {
    registry.register("a-value", V1);

    assertThat(catchThrowableOfType(SchemaRegistryException.class, () -> registry.idOf("nope", V1)).errorCode())
        .isEqualTo(40401);
    assertThat(catchThrowableOfType(SchemaRegistryException.class,
        () -> registry.idOf("a-value", V2_WITH_DEFAULT)).errorCode()).isEqualTo(40403);
    assertThat(catchThrowableOfType(SchemaRegistryException.class, () -> registry.version("a-value", 2)).errorCode())
        .isEqualTo(40402);
    assertThat(catchThrowableOfType(SchemaRegistryException.class, () -> registry.schemaById(99)).isNotFound())
        .isTrue();
  }

  @Test
  void mockScopesAreSharedWithinAScopeAndIsolatedAcrossScopes() {
    String scope = "scope-" + UUID.randomUUID();
    try {
      InMemorySchemaRegistryClient.forScope(scope).register("a-value", V1);

      assertThat(InMemorySchemaRegistryClient.forScope(scope).subjects()).containsExactly("a-value");
      assertThat(InMemorySchemaRegistryClient.forScope(scope + "-other").subjects()).isEmpty();
    } finally {
      InMemorySchemaRegistryClient.dropScope(scope);
      InMemorySchemaRegistryClient.dropScope(scope + "-other");
    }
    assertThat(InMemorySchemaRegistryClient.forScope(scope).subjects()).isEmpty();
    InMemorySchemaRegistryClient.dropScope(scope);
  }
}
