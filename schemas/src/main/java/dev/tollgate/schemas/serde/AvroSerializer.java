package dev.tollgate.schemas.serde;

import dev.tollgate.schemas.registry.SchemaRegistryClient;
import dev.tollgate.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
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
 * binary. Reads Confluent's configuration keys; see {@link AvroSerdeConfig}.
 */
public class AvroSerializer<T extends GenericContainer> implements Serializer<T> {

  static final byte MAGIC_BYTE = 0;

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
      registry = RegistryClients.forConfig(config);
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
    int id;
    Schema writerSchema = schema;
    try {
      if (config.useLatestVersion()) {
        SchemaRegistryClient.RegisteredSchema latest = registry.latest(subject);
        id = latest.id();
        writerSchema = latest.schema();
      } else if (config.autoRegisterSchemas()) {
        id = registry.register(subject, schema);
      } else {
        id = registry.idOf(subject, schema);
      }
    } catch (SchemaRegistryException e) {
      throw new SerializationException("Cannot find a schema id for subject " + subject + " (topic " + topic + "): "
          + e.getMessage(), e);
    }
    return encode(id, writerSchema, data);
  }

  /** Frames an Avro datum: exposed for tests that pin the exact bytes. */
  public static <T> byte[] encode(int schemaId, Schema writerSchema, T data) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      out.write(MAGIC_BYTE);
      out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      DatumWriter<T> writer = new SpecificDatumWriter<>(writerSchema, SpecificData.getForSchema(writerSchema));
      writer.write(data, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot write Avro datum with schema " + writerSchema.getFullName() + ": " + e, e);
    }
  }

  @Override
  public void close() {
    // the HTTP client holds no resources that need closing
  }
}
