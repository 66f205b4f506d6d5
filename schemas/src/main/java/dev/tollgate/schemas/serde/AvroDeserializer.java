package dev.tollgate.schemas.serde;

import dev.tollgate.schemas.registry.SchemaRegistryClient;
import dev.tollgate.schemas.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
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
 * reads into that class's schema. With {@code specific.avro.reader=false} it returns
 * {@link org.apache.avro.generic.GenericRecord}s (note: Confluent's default is false, ours is true,
 * because every Tollgate topic has a generated class). Unreadable records raise typed
 * {@link WireFormatException}s; a registry that cannot be reached raises
 * {@link SchemaRegistryException} (the record may be fine, so it is no dead-letter case).
 */
public class AvroDeserializer<T> implements Deserializer<T> {

  /** Confluent's header: the magic byte and a 4-byte big-endian schema id. */
  public static final int HEADER_LENGTH = 5;

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
      registry = RegistryClients.forConfig(config, configs);
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
    if (data.length > 0 && data[0] != AvroSerializer.MAGIC_BYTE) {
      throw new WireFormatException.WrongMagicByte(topic, data[0]);
    }
    if (data.length < HEADER_LENGTH) {
      throw new WireFormatException.Truncated(topic, data.length,
          "shorter than the 5-byte header (magic byte 0 and a 4-byte schema id)", null);
    }
    int schemaId = schemaIdOf(data);
    DatumReader<T> reader = readerFor(topic, schemaId);
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null);
    T value;
    try {
      value = reader.read(null, decoder);
    } catch (EOFException e) {
      throw new WireFormatException.Truncated(topic, data.length,
          "the Avro body of schema id " + schemaId + " ends before the datum is complete", e);
    } catch (IOException | AvroRuntimeException | ClassCastException | IndexOutOfBoundsException
        | NegativeArraySizeException e) {
      throw new WireFormatException.UnreadableAvro(topic, schemaId, e);
    }
    int trailing = remaining(decoder);
    if (trailing > 0) {
      throw new WireFormatException.TrailingBytes(topic, schemaId, trailing);
    }
    return value;
  }

  private static int remaining(BinaryDecoder decoder) {
    try {
      return decoder.isEnd() ? 0 : Math.max(1, decoder.inputStream().available());
    } catch (IOException e) {
      return 1;
    }
  }

  /** Looks the writer schema up outside any map lock: a registry call may block on the network. */
  /** The schema id in a framed record's header (at least {@link #HEADER_LENGTH} bytes long). */
  public static int schemaIdOf(byte[] framed) {
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  /**
   * The writer schema a record of {@code topic} names by {@code schemaId}, from the registry (which
   * caches it); for readers that decode a known layout themselves.
   *
   * @throws WireFormatException.UnknownSchemaId when the registry has no such id
   */
  public Schema writerSchema(String topic, int schemaId) {
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    try {
      return registry.schemaById(schemaId);
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        throw new WireFormatException.UnknownSchemaId(topic, schemaId, e);
      }
      throw e;
    }
  }

  private DatumReader<T> readerFor(String topic, int schemaId) {
    DatumReader<T> cached = readers.get(schemaId);
    if (cached != null) {
      return cached;
    }
    DatumReader<T> reader = newReader(writerSchema(topic, schemaId));
    DatumReader<T> raced = readers.putIfAbsent(schemaId, reader);
    return raced == null ? reader : raced;
  }

  @SuppressWarnings("unchecked")
  private DatumReader<T> newReader(Schema writer) {
    if (targetType != null) {
      SpecificData data = SpecificData.getForClass(targetType);
      return new SpecificDatumReader<>(writer, data.getSchema(targetType), data);
    }
    if (config != null && !config.specificAvroReader()) {
      return (DatumReader<T>) new GenericDatumReader<>(writer, writer, GenericData.get());
    }
    SpecificData data = SpecificData.getForSchema(writer);
    Class<?> generated = writer.getType() == Schema.Type.RECORD ? data.getClass(writer) : null;
    if (generated == null) {
      // no generated class for this record: still readable, as a GenericRecord
      return (DatumReader<T>) new GenericDatumReader<>(writer, writer, GenericData.get());
    }
    return new SpecificDatumReader<>(writer, data.getSchema(generated), data);
  }

  @Override
  public void close() {
    // nothing to release
  }
}
