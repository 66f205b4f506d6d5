package dev.tollgate.schemas.serde;

import dev.tollgate.schemas.registry.SchemaRegistryClient;
import dev.tollgate.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Confluent's wire format: magic byte 0, the schema id as 4 bytes big-endian, then Avro
 * binary. Reads Confluent's configuration keys; see {@link AvroSerdeConfig}. With
 * {@code use.latest.version=true} the record is written with the subject's latest schema (converted
 * by Avro schema resolution when its own schema differs), as Confluent's serializer does.
 */
public class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

  public static final byte MAGIC_BYTE = 0;

  private static final Map<Schema, DatumWriter<?>> WRITERS = new ConcurrentHashMap<>();

  private SchemaRegistryClient registry;
  private AvroSerdeConfig config;
  private boolean isKey;

  /** For Kafka, which configures it through {@link #configure}. */
  public AvroSerializer() {}

  /** With a given registry client; {@link #configure} still reads the other settings. */
  public AvroSerializer(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = AvroSerdeConfig.from(configs, isKey);
    this.isKey = isKey;
    if (registry == null) {
      registry = RegistryClients.forConfig(config, configs);
    }
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (config == null) {
      throw new IllegalStateException("AvroSerializer used before configure()");
    }
    Schema schema = data.getSchema();
    String subject = config.subjectNameStrategy().subject(topic, isKey, schema);
    if (config.useLatestVersion()) {
      SchemaRegistryClient.RegisteredSchema latest = lookUp(subject, topic, () -> registry.latest(subject),
          "use.latest.version=true needs a registered version");
      Object datum = latest.schema().equals(schema) ? data : LatestVersionConversion.convert(data, latest.schema(), subject);
      return encode(latest.id(), latest.schema(), datum);
    }
    int id = config.autoRegisterSchemas()
        ? lookUp(subject, topic, () -> registry.register(subject, schema), "registering the schema failed")
        : lookUp(subject, topic, () -> registry.idOf(subject, schema),
            "auto.register.schemas=false and the record's schema " + schema.getFullName()
                + " is not registered under it; register it first");
    return encode(id, schema, data);
  }

  private static <R> R lookUp(String subject, String topic, Supplier<R> call, String hint) {
    try {
      return call.get();
    } catch (SchemaRegistryException e) {
      throw new SerializationException("Cannot find a schema id for subject " + subject + " (topic " + topic + "): "
          + (e.isNotFound() ? hint + ": " : "") + e.getMessage(), e);
    }
  }

  /** Frames an Avro datum: exposed for tests that pin the exact bytes. */
  public static <T> byte[] encode(int schemaId, Schema writerSchema, T data) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      out.write(MAGIC_BYTE);
      out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writerFor(writerSchema).write(data, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot write Avro datum with schema " + writerSchema.getFullName() + ": " + e, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> DatumWriter<T> writerFor(Schema schema) {
    // writers are thread-safe and costly to build (they resolve the schema on first use)
    return (DatumWriter<T>) WRITERS.computeIfAbsent(schema,
        s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)));
  }

  @Override
  public void close() {
    // the HTTP client holds no resources that need closing
  }
}
