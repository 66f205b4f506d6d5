package dev.tollgate.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Rewrites a record into the subject's latest schema by Avro schema resolution. Writing a
 * generated record with a different schema directly would read its fields by position, which is
 * wrong as soon as the field order differs.
 */
final class LatestVersionConversion {

  private LatestVersionConversion() {}

  static Object convert(GenericContainer data, Schema latest, String subject) {
    Schema own = data.getSchema();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<Object>(own, SpecificData.getForSchema(own)).write(data, encoder);
      encoder.flush();
      return new GenericDatumReader<>(own, latest, GenericData.get())
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("use.latest.version=true: the latest schema of subject " + subject
          + " cannot represent a " + own.getFullName() + " written with the record's own schema: " + e, e);
    }
  }
}
