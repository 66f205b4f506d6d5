package dev.tollgate.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.schemas.registry.FixedIdRegistry;
import dev.tollgate.schemas.serde.AvroDeserializer;
import dev.tollgate.schemas.serde.AvroSerdeConfig;
import dev.tollgate.schemas.topic.Topics;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  @Test
  void recordKeepsKeyAndValueAndPutsTheReasonInHeaders() {
    AvroDeserializer<Object> deserializer = new AvroDeserializer<>(null, new FixedIdRegistry());
    deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused"), false);
    byte[] value = {0, 0, 0, 0, 7, 2};
    RuntimeException error;
    try {
      deserializer.deserialize(Topics.APPROVALS.name(), value);
      throw new AssertionError("expected a failure");
    } catch (SerializationException e) {
      error = e;
    }
    byte[] key = "fraud-detector".getBytes();

    var record = DeadLetter.record(Topics.ROLLOUT_SERVICE_DEAD_LETTERS, "rollout-service", Topics.APPROVALS.name(),
        2, 1234L, key, value, error, Instant.parse("2026-03-02T10:00:00Z"));

    assertThat(record.topic()).isEqualTo(Topics.ROLLOUT_SERVICE_DEAD_LETTERS.name());
    assertThat(record.key()).isEqualTo(key);
    assertThat(record.value()).isEqualTo(value);
    assertThat(DeadLetter.header(record.headers(), DeadLetter.REASON)).isEqualTo("unknown-schema-id");
    assertThat(DeadLetter.header(record.headers(), DeadLetter.MESSAGE)).contains("schema id 7");
    assertThat(DeadLetter.header(record.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.APPROVALS.name());
    assertThat(DeadLetter.header(record.headers(), DeadLetter.SOURCE_PARTITION)).isEqualTo("2");
    assertThat(DeadLetter.header(record.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("1234");
    assertThat(DeadLetter.header(record.headers(), DeadLetter.CONSUMER)).isEqualTo("rollout-service");
    assertThat(DeadLetter.header(record.headers(), DeadLetter.FAILED_AT)).isEqualTo("2026-03-02T10:00:00Z");
  }

  @Test
  void reasonLooksThroughWrappingExceptions() {
    AvroDeserializer<Object> deserializer = new AvroDeserializer<>(null, new FixedIdRegistry());
    deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused"), false);
    try {
      deserializer.deserialize("t", new byte[] {9});
    } catch (SerializationException e) {
      assertThat(DeadLetter.reasonOf(new IllegalStateException("listener failed", e))).isEqualTo("wrong-magic-byte");
      return;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void reasonOfAnOrdinaryExceptionIsItsSimpleName() {
    assertThat(DeadLetter.reasonOf(new IllegalArgumentException("x"))).isEqualTo("IllegalArgumentException");
  }

  @Test
  void headerIsNullWhenAbsent() {
    assertThat(DeadLetter.header(new org.apache.kafka.common.header.internals.RecordHeaders(), DeadLetter.REASON))
        .isNull();
  }
}
