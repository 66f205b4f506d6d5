package dev.tollgate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.schemas.SampleEvents;
import dev.tollgate.schemas.registry.FixedIdRegistry;
import dev.tollgate.schemas.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins Confluent's wire format byte for byte: magic 0x00, the schema id as 4 bytes big-endian,
 * then Avro binary (longs as zig-zag varints, strings as a zig-zag length then UTF-8, unions as
 * the zig-zag branch index then the value, booleans as one byte).
 */
class WireFormatVectorsTest {

  static final Schema PING = load("/vectors/Ping.avsc");
  static final String TOPIC = "vectors";

  final FixedIdRegistry registry = new FixedIdRegistry().with(42, PING);
  final AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry);
  final AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(null, registry);

  WireFormatVectorsTest() {
    serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused"), false);
    deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused",
        AvroSerdeConfig.SPECIFIC_AVRO_READER, "false"), false);
  }

  static GenericRecord ping(long seq, String model, String note, boolean ok) {
    GenericRecord record = new GenericData.Record(PING);
    record.put("seq", seq);
    record.put("model", model);
    record.put("note", note);
    record.put("ok", ok);
    return record;
  }

  @Test
  void writesTheExactBytesOfARecordWithAUnionValue() {
    byte[] expected = bytes(
        "00", "0000002a", // magic byte, schema id 42 big-endian
        "ac02",           // seq 150: zig-zag 300 = 0b1_0010_1100 -> varint 0xac 0x02
        "04", "6162",     // model "ab": length 2 (zig-zag 4), UTF-8
        "02", "04", "c3a9", // note: union branch 1 (string, zig-zag 2), length 2, "é" in UTF-8
        "01");            // ok: true

    byte[] actual = serializer.serialize(TOPIC, ping(150, "ab", "é", true));

    assertThat(HexFormat.of().formatHex(actual)).isEqualTo(HexFormat.of().formatHex(expected));
    assertThat(deserializer.deserialize(TOPIC, expected)).isEqualTo(ping(150, "ab", "é", true));
  }

  @Test
  void writesNegativeNumbersAndTheNullBranch() {
    byte[] expected = bytes(
        "00", "0000002a",
        "05",       // seq -3: zig-zag 5
        "00",       // model "": length 0
        "00",       // note: union branch 0 (null), no value bytes
        "00");      // ok: false

    assertThat(serializer.serialize(TOPIC, ping(-3, "", null, false))).containsExactly(expected);
    assertThat(deserializer.deserialize(TOPIC, expected)).isEqualTo(ping(-3, "", null, false));
  }

  @Test
  void schemaIdIsBigEndian() {
    FixedIdRegistry wide = new FixedIdRegistry().with(0x01020304, PING);
    AvroSerializer<GenericRecord> s = new AvroSerializer<>(wide);
    s.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused"), false);

    byte[] actual = s.serialize(TOPIC, ping(0, "m", null, true));

    assertThat(actual).startsWith(bytes("00", "01020304"))
        .endsWith(bytes("00", "02", "6d", "00", "01"));
  }

  @Test
  void encodeFramesWithoutARegistry() {
    assertThat(AvroSerializer.encode(42, PING, ping(1, "a", null, true)))
        .containsExactly(bytes("00", "0000002a", "02", "02", "61", "00", "01"));
  }

  @Test
  void readsAPingWithoutGeneratedClassAsGenericRecordEvenInSpecificMode() {
    AvroDeserializer<Object> specificMode = new AvroDeserializer<>(null, registry);
    specificMode.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused"), false);

    assertThat(specificMode.deserialize(TOPIC, bytes("00", "0000002a", "02", "02", "61", "00", "01")))
        .isEqualTo(ping(1, "a", null, true));
  }

  static Stream<SpecificRecord> everyTopicValueType() {
    return Stream.of(SampleEvents.deploymentRequested(), SampleEvents.deploymentApproved(),
        SampleEvents.rollbackTriggered(), SampleEvents.trafficCommand(), SampleEvents.healthSample(),
        SampleEvents.deploymentState());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTopicValueType")
  <T extends SpecificRecord> void roundTripsEveryTopicValueType(T event) {
    String scope = "vectors-" + UUID.randomUUID();
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) event.getClass();
    try (AvroSerde<T> serde = new AvroSerde<>(type)) {
      serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope), false);

      byte[] bytes = serde.serializer().serialize("tollgate.test", event);
      int id = InMemorySchemaRegistryClient.forScope(scope).idOf("tollgate.test-value", event.getSchema());

      assertThat(bytes[0]).isZero();
      assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
      T back = serde.deserializer().deserialize("tollgate.test", bytes);
      assertThat(back).isInstanceOf(type).isEqualTo(event);
    } finally {
      InMemorySchemaRegistryClient.dropScope(scope);
    }
  }

  static byte[] bytes(String... hex) {
    return HexFormat.of().parseHex(String.join("", hex));
  }

  static Schema load(String resource) {
    try (InputStream in = WireFormatVectorsTest.class.getResourceAsStream(resource)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
