package dev.tollgate.schemas.serde;

import static dev.tollgate.schemas.serde.WireFormatVectorsTest.PING;
import static dev.tollgate.schemas.serde.WireFormatVectorsTest.ping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.schemas.SampleEvents;
import dev.tollgate.schemas.registry.FakeRegistryServer;
import dev.tollgate.schemas.registry.FakeRegistryServer.Response;
import dev.tollgate.schemas.registry.HttpSchemaRegistryClient;
import dev.tollgate.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The serializer honours Confluent's configuration keys. */
class SerializerConfigTest {

  final String scope = "config-" + UUID.randomUUID();
  final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);

  @AfterEach
  void dropScope() {
    InMemorySchemaRegistryClient.dropScope(scope);
  }

  Map<String, Object> config(Object... keyValues) {
    Map<String, Object> config = new HashMap<>();
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
    for (int i = 0; i < keyValues.length; i += 2) {
      config.put((String) keyValues[i], keyValues[i + 1]);
    }
    return config;
  }

  AvroSerializer<GenericRecord> serializer(boolean isKey, Object... keyValues) {
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
    serializer.configure(config(keyValues), isKey);
    return serializer;
  }

  static int idIn(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 1, 4).getInt();
  }

  @Test
  void autoRegistersByDefault() {
    byte[] bytes = serializer(false).serialize("pings", ping(1, "a", null, true));

    assertThat(registry.subjects()).containsExactly("pings-value");
    assertThat(idIn(bytes)).isEqualTo(registry.idOf("pings-value", PING));
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaFailsNamingTheSubject() {
    AvroSerializer<GenericRecord> serializer = serializer(false, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");

    assertThatThrownBy(() -> serializer.serialize("pings", ping(1, "a", null, true)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("subject pings-value")
        .hasMessageContaining("auto.register.schemas=false")
        .hasMessageContaining("dev.tollgate.vectors.Ping");
    assertThat(registry.subjects()).isEmpty();
  }

  @Test
  void withoutAutoRegisterLooksTheIdUp() {
    int id = registry.register("pings-value", PING);
    AvroSerializer<GenericRecord> serializer = serializer(false, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);

    assertThat(idIn(serializer.serialize("pings", ping(1, "a", null, true)))).isEqualTo(id);
    assertThat(registry.versions("pings-value")).containsExactly(1);
  }

  @Test
  void useLatestVersionWritesWithTheLatestSchemaConvertingTheRecord() {
    // v2 puts a new field with a default first, so positions differ from the record's own schema
    Schema v2 = new Schema.Parser().parse("""
        {"type":"record","name":"Ping","namespace":"dev.tollgate.vectors","fields":[
          {"name":"region","type":"string","default":"eu-west-1"},
          {"name":"seq","type":"long"},{"name":"model","type":"string"},
          {"name":"note","type":["null","string"],"default":null},{"name":"ok","type":"boolean"}]}""");
    registry.register("pings-value", PING);
    int latestId = registry.register("pings-value", v2);
    AvroSerializer<GenericRecord> serializer = serializer(false, AvroSerdeConfig.USE_LATEST_VERSION, "true",
        AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");

    byte[] bytes = serializer.serialize("pings", ping(7, "fraud", "n", true));

    assertThat(idIn(bytes)).isEqualTo(latestId);
    AvroDeserializer<GenericRecord> reader = new AvroDeserializer<>();
    reader.configure(config(AvroSerdeConfig.SPECIFIC_AVRO_READER, "false"), false);
    GenericRecord back = reader.deserialize("pings", bytes);
    assertThat(back.getSchema()).isEqualTo(v2);
    assertThat(back.get("region").toString()).isEqualTo("eu-west-1");
    assertThat(back.get("seq")).isEqualTo(7L);
    assertThat(back.get("model").toString()).isEqualTo("fraud");
    assertThat(back.get("ok")).isEqualTo(true);
  }

  @Test
  void useLatestVersionWithNothingRegisteredNamesTheSubject() {
    AvroSerializer<GenericRecord> serializer = serializer(false, AvroSerdeConfig.USE_LATEST_VERSION, true);

    assertThatThrownBy(() -> serializer.serialize("pings", ping(1, "a", null, true)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("subject pings-value")
        .hasMessageContaining("use.latest.version");
  }

  @ParameterizedTest
  @CsvSource({
      "io.confluent.kafka.serializers.subject.TopicNameStrategy, false, pings-value",
      "io.confluent.kafka.serializers.subject.TopicNameStrategy, true, pings-key",
      "io.confluent.kafka.serializers.subject.RecordNameStrategy, false, dev.tollgate.vectors.Ping",
      "io.confluent.kafka.serializers.subject.RecordNameStrategy, true, dev.tollgate.vectors.Ping",
      "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, false, pings-dev.tollgate.vectors.Ping",
      "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, true, pings-dev.tollgate.vectors.Ping",
      "TopicNameStrategy, false, pings-value"})
  void subjectNameStrategiesAcceptConfluentClassNames(String strategy, boolean isKey, String subject) {
    String key = isKey ? AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY : AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY;

    serializer(isKey, key, strategy).serialize("pings", ping(1, "a", null, true));

    assertThat(registry.subjects()).containsExactly(subject);
  }

  @Test
  void keyStrategyDoesNotApplyToValues() {
    serializer(false, AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy")
        .serialize("pings", ping(1, "a", null, true));

    assertThat(registry.subjects()).containsExactly("pings-value");
  }

  @Test
  void unknownStrategyIsRejectedByName() {
    assertThatThrownBy(() -> serializer(false, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "com.example.Mine"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("com.example.Mine");
  }

  @Test
  void specificReaderFalseGivesGenericRecords() {
    ApprovalEvent event = SampleEvents.deploymentApproved();
    AvroSerializer<ApprovalEvent> writer = new AvroSerializer<>();
    writer.configure(config(), false);
    byte[] bytes = writer.serialize("approvals", event);

    AvroDeserializer<Object> generic = new AvroDeserializer<>();
    generic.configure(config(AvroSerdeConfig.SPECIFIC_AVRO_READER, "false"), false);
    AvroDeserializer<Object> specific = new AvroDeserializer<>();
    specific.configure(config(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

    Object asGeneric = generic.deserialize("approvals", bytes);
    assertThat(asGeneric).isInstanceOf(GenericRecord.class).isNotInstanceOf(ApprovalEvent.class);
    assertThat(((GenericRecord) ((GenericRecord) asGeneric).get("payload")).getSchema().getName())
        .isEqualTo("DeploymentApproved");
    assertThat(specific.deserialize("approvals", bytes)).isEqualTo(event);
  }

  @Test
  void missingRegistryUrlIsAClearError() {
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();

    assertThatThrownBy(() -> serializer.configure(Map.of(), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema.registry.url")
        .hasMessageContaining("value serde");
    assertThatThrownBy(() -> new AvroDeserializer<>().configure(Map.of("schema.registry.url", " "), true))
        .hasMessageContaining("schema.registry.url").hasMessageContaining("key serde");
  }

  @Test
  void nonBooleanFlagIsRejected() {
    assertThatThrownBy(() -> serializer(false, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto.register.schemas");
  }

  @Test
  void basicAuthUserInfoIsSentAsAuthorizationHeader() throws Exception {
    try (FakeRegistryServer server = new FakeRegistryServer()) {
      server.answer(r -> Response.json(200, "{\"id\":42}"));
      AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
      serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url(),
          AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
          AvroSerdeConfig.BASIC_AUTH_USER_INFO, "ci:s3cret"), false);

      byte[] bytes = serializer.serialize("auth-" + UUID.randomUUID(), ping(1, "a", null, true));

      assertThat(idIn(bytes)).isEqualTo(42);
      assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.authorization())
          .isEqualTo("Basic " + Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  void basicAuthFromTheUrlUserInfoByDefault() throws Exception {
    try (FakeRegistryServer server = new FakeRegistryServer()) {
      server.answer(r -> Response.json(200, "{\"id\":5}"));
      String url = server.url().replace("http://", "http://reader:pa55@");
      AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
      serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url), false);

      serializer.serialize("auth-" + UUID.randomUUID(), ping(1, "a", null, true));

      assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.authorization())
          .isEqualTo("Basic " + Base64.getEncoder().encodeToString("reader:pa55".getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  void userInfoSourceWithoutUserInfoIsAClearError() {
    assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
        "http://127.0.0.1:1", AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO"), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basic.auth.user.info");
    assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
        "http://127.0.0.1:1", AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT"), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SASL_INHERIT");
  }

  @Test
  void registryClientTuningUsesConfluentKeys() {
    HttpSchemaRegistryClient.Options options = AvroSerdeConfig.registryClientOptions(Map.of(
        "max.retries", "0", "retries.wait.ms", 25, "retries.max.wait.ms", "400",
        "http.connect.timeout.ms", "1500", "schema.registry.http.read.timeout.ms", "2500"));

    assertThat(options).isEqualTo(new HttpSchemaRegistryClient.Options(Duration.ofMillis(1500),
        Duration.ofMillis(2500), 0, Duration.ofMillis(25), Duration.ofMillis(400)));
    assertThat(AvroSerdeConfig.registryClientOptions(Map.of())).isEqualTo(HttpSchemaRegistryClient.Options.defaults());
    assertThatThrownBy(() -> AvroSerdeConfig.registryClientOptions(Map.of("max.retries", "-1")))
        .hasMessageContaining("max.retries");
  }
}
