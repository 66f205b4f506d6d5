package dev.tollgate.schemas.serde;

import static dev.tollgate.schemas.serde.WireFormatVectorsTest.PING;
import static dev.tollgate.schemas.serde.WireFormatVectorsTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.registry.FixedIdRegistry;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Every way a record can be unreadable gives its own exception type, a message saying what, and a DLT reason. */
class WireFormatFailureTest {

  static final String TOPIC = "tollgate.approvals";
  // a valid Ping (seq 1, model "a", note null, ok true) under schema id 42
  static final byte[] VALID = bytes("00", "0000002a", "02", "02", "61", "00", "01");

  final AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(null, new FixedIdRegistry().with(42, PING));

  WireFormatFailureTest() {
    deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused",
        AvroSerdeConfig.SPECIFIC_AVRO_READER, "false"), false);
  }

  @Test
  void theValidVectorReads() {
    assertThat(deserializer.deserialize(TOPIC, VALID).get("model").toString()).isEqualTo("a");
  }

  @Test
  void unknownSchemaIdNamesTheId() {
    var e = catchThrowableOfType(WireFormatException.UnknownSchemaId.class,
        () -> deserializer.deserialize(TOPIC, bytes("00", "00000063", "02", "02", "61", "00", "01")));

    assertThat(e.schemaId()).isEqualTo(99);
    assertThat(e).hasMessageContaining("schema id 99").hasMessageContaining(TOPIC);
    assertThat(e.reason()).isEqualTo("unknown-schema-id");
    assertThat(DeadLetter.reasonOf(e)).isEqualTo("unknown-schema-id");
  }

  @Test
  void wrongMagicByteSaysTheByte() {
    byte[] json = "{\"x\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    var e = catchThrowableOfType(WireFormatException.WrongMagicByte.class, () -> deserializer.deserialize(TOPIC, json));

    assertThat(e.found()).isEqualTo((byte) '{');
    assertThat(e).hasMessageContaining("0x7b").hasMessageContaining("magic byte 0x00");
    assertThat(DeadLetter.reasonOf(e)).isEqualTo("wrong-magic-byte");
  }

  @Test
  void wrongMagicByteWinsEvenWhenShort() {
    var e = catchThrowableOfType(WireFormatException.WrongMagicByte.class,
        () -> deserializer.deserialize(TOPIC, bytes("01", "00")));

    assertThat(e).hasMessageContaining("0x01");
  }

  @Test
  void headerShorterThanFiveBytesIsTruncated() {
    var e = catchThrowableOfType(WireFormatException.Truncated.class,
        () -> deserializer.deserialize(TOPIC, bytes("00", "0000")));

    assertThat(e.length()).isEqualTo(3);
    assertThat(e).hasMessageContaining("3 bytes").hasMessageContaining("5-byte header");
    assertThat(DeadLetter.reasonOf(e)).isEqualTo("truncated");
  }

  @Test
  void emptyValueIsTruncated() {
    var e = catchThrowableOfType(WireFormatException.Truncated.class, () -> deserializer.deserialize(TOPIC, new byte[0]));

    assertThat(e).hasMessageContaining("0 bytes");
  }

  @Test
  void bodyCutShortIsTruncated() {
    // the string "a" promises 1 byte, the record ends before it
    byte[] cut = bytes("00", "0000002a", "02", "02");

    var e = catchThrowableOfType(WireFormatException.Truncated.class, () -> deserializer.deserialize(TOPIC, cut));

    assertThat(e).hasMessageContaining("schema id 42").hasMessageContaining("ends before the datum is complete");
    assertThat(DeadLetter.reasonOf(e)).isEqualTo("truncated");
  }

  @Test
  void headerOnlyIsTruncated() {
    var e = catchThrowableOfType(WireFormatException.Truncated.class,
        () -> deserializer.deserialize(TOPIC, bytes("00", "0000002a")));

    assertThat(e.length()).isEqualTo(5);
  }

  @Test
  void trailingGarbageIsRejected() {
    byte[] padded = bytes("00", "0000002a", "02", "02", "61", "00", "01", "dead");

    var e = catchThrowableOfType(WireFormatException.TrailingBytes.class, () -> deserializer.deserialize(TOPIC, padded));

    assertThat(e.trailing()).isEqualTo(2);
    assertThat(e).hasMessageContaining("2 trailing byte(s)").hasMessageContaining("schema id 42");
    assertThat(DeadLetter.reasonOf(e)).isEqualTo("trailing-bytes");
  }

  @Test
  void bodyThatDoesNotDecodeIsUnreadable() {
    // union branch index 7 does not exist in ["null","string"]
    byte[] bad = bytes("00", "0000002a", "02", "02", "61", "0e", "01");

    var e = catchThrowableOfType(WireFormatException.UnreadableAvro.class, () -> deserializer.deserialize(TOPIC, bad));

    assertThat(e.schemaId()).isEqualTo(42);
    assertThat(DeadLetter.reasonOf(e)).isEqualTo("unreadable-avro");
  }

  @Test
  void everyWireFormatFailureIsAKafkaSerializationException() {
    assertThat(catchThrowableOfType(SerializationException.class,
        () -> deserializer.deserialize(TOPIC, bytes("ff")))).isInstanceOf(WireFormatException.class);
  }

  @Test
  void nullIsATombstoneNotAFailure() {
    assertThat(deserializer.deserialize(TOPIC, null)).isNull();
  }
}
