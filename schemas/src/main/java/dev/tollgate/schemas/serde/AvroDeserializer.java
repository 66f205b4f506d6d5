package dev.tollgate.schemas.serde;

import dev.tollgate.schemas.registry.SchemaRegistryClient;
import dev.tollgate.schemas.registry.SchemaRegistryException;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent's wire format. With {@code specific.avro.reader=true} (our default) it returns
 * the generated class, resolving the writer's schema to the reader's; with a target class given it
 * reads into that class's schema whatever the writer's name. Failures are typed
 * {@link WireFormatException}s.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

  private final Class<T> targetType;
  private SchemaRegistryClient registry;
  private AvroSerdeConfig config;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

  /** For Kafka, which configures it through {@link #configure}. */
  public AvroDeserializer() {
    this(null, null);
  }

  /** Reads into the given generated class, resolving from whatever writer schema the record names. */
  public AvroDeserializer(Class<T> targetType) {
    this(targetType, null);
  }

  public AvroDeserializer(Class<T> targetType, SchemaRegistryClient registry) {
    this.targetType = targetType;
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = AvroSerdeConfig.from(configs, isKey);
    if (registry == null) {
      registry = RegistryClients.forConfig(config);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    if (data.length < 5) {
      if (data.length > 0 && data[0] != AvroSerializer.MAGIC_BYTE) {
        throw new WireFormatException.WrongMagicByte(topic, data[0]);
      }
      throw new WireFormatException.Truncated(topic, data.length, null);
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    byte magic = buffer.get();
    if (magic != AvroSerializer.MAGIC_BYTE) {
      throw new WireFormatException.WrongMagicByte(topic, magic);
    }
    int schemaId = buffer.getInt();
    DatumReader<T> reader = readers.computeIfAbsent(schemaId, id -> readerFor(topic, id));
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, null);
    try {
      T value = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new WireFormatException.UnreadableAvro(topic, schemaId,
            new IllegalStateException("trailing bytes after the Avro datum"));
      }
      return value;
    } catch (EOFException e) {
      throw new WireFormatException.Truncated(topic, data.length, e);
    } catch (java.io.IOException | AvroRuntimeException | ClassCastException | IndexOutOfBoundsException e) {
      throw new WireFormatException.UnreadableAvro(topic, schemaId, e);
    }
  }

  @SuppressWarnings("unchecked")
  private DatumReader<T> readerFor(String topic, int schemaId) {
    Schema writer;
    try {
      writer = registry.schemaById(schemaId);
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        throw new WireFormatException.UnknownSchemaId(topic, schemaId, e);
      }
      throw e;
    }
    if (targetType != null) {
      Schema readerSchema = SpecificData.get().getSchema(targetType);
      return new SpecificDatumReader<>(writer, readerSchema);
    }
    if (config != null && !config.specificAvroReader()) {
      return (DatumReader<T>) new GenericDatumReader<>(writer);
    }
    Schema readerSchema = SpecificData.get().getSchema(SpecificData.get().getClass(writer));
    return new SpecificDatumReader<>(writer, readerSchema == null ? writer : readerSchema);
  }

  @Override
  public void close() {
    // nothing to release
  }
}
