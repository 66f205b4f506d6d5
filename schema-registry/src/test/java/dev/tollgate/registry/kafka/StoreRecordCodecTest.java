package dev.tollgate.registry.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.registry.store.StoreRecord;
import dev.tollgate.registry.store.StoreRecord.CompatibilityRemoved;
import dev.tollgate.registry.store.StoreRecord.CompatibilitySet;
import dev.tollgate.registry.store.StoreRecord.SchemaVersionRemoved;
import dev.tollgate.registry.store.StoreRecord.SchemaVersionWritten;
import dev.tollgate.registry.store.StoreRecord.SubjectDeleted;
import dev.tollgate.registry.store.StoreRecord.SubjectDeletionRemoved;
import dev.tollgate.schemas.compatibility.CompatibilityLevel;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StoreRecordCodecTest {

  private final StoreRecordCodec codec = new StoreRecordCodec();

  static Stream<StoreRecord> records() {
    return Stream.of(
        new SchemaVersionWritten("orders-value", 3, 42, "\"string\"", false),
        new SchemaVersionWritten("orders-value", 3, 42, "\"string\"", true),
        new SchemaVersionRemoved("orders-value", 3),
        new SubjectDeleted("orders-value", 3),
        new SubjectDeletionRemoved("orders-value"),
        new CompatibilitySet(null, CompatibilityLevel.FULL_TRANSITIVE),
        new CompatibilitySet("orders-value", CompatibilityLevel.NONE),
        new CompatibilityRemoved(null),
        new CompatibilityRemoved("orders-value"));
  }

  @ParameterizedTest
  @MethodSource("records")
  void everyRecordSurvivesTheRoundTrip(StoreRecord record) {
    StoreRecordCodec.Encoded encoded = codec.encode(record);

    assertThat(codec.decode(encoded.key(), encoded.value())).contains(record);
  }

  @Test
  void keysAreConfluentsAndStableSoThatCompactionKeepsOnlyTheLatest() {
    byte[] registered = codec.encode(new SchemaVersionWritten("s", 1, 1, "\"int\"", false)).key();
    byte[] softDeleted = codec.encode(new SchemaVersionWritten("s", 1, 1, "\"int\"", true)).key();
    byte[] removed = codec.encode(new SchemaVersionRemoved("s", 1)).key();

    assertThat(text(registered)).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}");
    assertThat(softDeleted).isEqualTo(registered);
    assertThat(removed).isEqualTo(registered);
    assertThat(text(codec.encode(new CompatibilitySet(null, CompatibilityLevel.FULL)).key()))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
    assertThat(text(codec.encode(new SubjectDeleted("s", 2)).key()))
        .isEqualTo("{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}");
    assertThat(codec.encode(new SchemaVersionRemoved("s", 1)).value()).isNull();
  }

  @Test
  void readsRecordsConfluentsRegistryWrote() {
    assertThat(codec.decode(
        bytes("{\"subject\":\"t-value\",\"version\":2,\"magic\":1,\"keytype\":\"SCHEMA\"}"),
        bytes("{\"subject\":\"t-value\",\"version\":2,\"id\":7,\"schema\":\"\\\"long\\\"\",\"deleted\":false}")))
        .contains(new SchemaVersionWritten("t-value", 2, 7, "\"long\"", false));
    assertThat(codec.decode(bytes("{\"keytype\":\"CONFIG\",\"subject\":\"t-value\",\"magic\":0}"),
        bytes("{\"compatibilityLevel\":\"FORWARD\"}")))
        .contains(new CompatibilitySet("t-value", CompatibilityLevel.FORWARD));
  }

  @Test
  void ignoresWhatItHasNoUseFor() {
    assertThat(codec.decode(bytes("{\"keytype\":\"NOOP\",\"magic\":0}"), bytes("{}"))).isEmpty();
    assertThat(codec.decode(bytes("{\"keytype\":\"MODE\",\"subject\":null,\"magic\":0}"), bytes("{\"mode\":\"READWRITE\"}")))
        .isEmpty();
    assertThat(codec.decode(bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"p\",\"version\":1,\"magic\":1}"),
        bytes("{\"subject\":\"p\",\"version\":1,\"id\":3,\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}")))
        .isEmpty();
  }

  @Test
  void refusesGarbage() {
    assertThatThrownBy(() -> codec.decode(bytes("not json"), bytes("{}"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.decode(null, bytes("{}"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.decode(bytes("{\"keytype\":\"SCHEMA\",\"subject\":\"s\"}"), bytes("{}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
