package dev.tollgate.rollout.samples;

import dev.tollgate.schemas.serde.AvroDeserializer;
import dev.tollgate.schemas.serde.AvroSerializer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Whether a framed record was written with the layout a hand-written reader expects: the writer
 * schema its id names in the registry has the same parsing canonical form as {@code current}. The
 * answer is kept per schema id, so the registry is asked once per id. Safe for several threads.
 */
final class CurrentLayout {

  private record Seen(int schemaId, boolean current) {}

  private final long layout;
  /** Null when the value deserializer is not the registry's: then no record has a known layout. */
  private final AvroDeserializer<?> registryReader;
  private final Map<Integer, Boolean> bySchemaId = new ConcurrentHashMap<>();
  // nearly every record names the same id as the one before; immutable, so a racy read is still right
  private Seen last = new Seen(-1, false);

  CurrentLayout(Schema current, Deserializer<?> avro) {
    this.layout = SchemaNormalization.parsingFingerprint64(current);
    this.registryReader = avro instanceof AvroDeserializer<?> reader ? reader : null;
  }

  /**
   * True for a value in Confluent's wire format whose writer schema has the current layout. Asking
   * the registry may throw: an unknown id or a registry out of reach fails as the Avro reader would.
   */
  boolean of(String topic, byte[] value) {
    if (registryReader == null || value == null || value.length <= AvroDeserializer.HEADER_LENGTH
        || value[0] != AvroSerializer.MAGIC_BYTE) {
      return false;
    }
    int schemaId = AvroDeserializer.schemaIdOf(value);
    Seen seen = last;
    if (seen.schemaId() == schemaId) {
      return seen.current();
    }
    boolean current = bySchemaId.computeIfAbsent(schemaId,
        id -> SchemaNormalization.parsingFingerprint64(registryReader.writerSchema(topic, id)) == layout);
    last = new Seen(schemaId, current);
    return current;
  }
}
