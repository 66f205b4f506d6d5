package dev.tollgate.rollout.samples;

import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.HealthSample;
import dev.tollgate.rollout.analysis.SampleIdRing;
import dev.tollgate.schemas.serde.AvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a health sample record into a {@link SampleBatcher}. Samples whose writer schema has the
 * current {@link HealthSample} layout ({@link CurrentLayout}) are decoded from the record's bytes
 * field by field, straight into what the batch carries: the fields the analysis does not use are
 * skipped, the event id is fingerprinted where it lies, and the model, environment and version
 * strings of the few lanes in flight are reused instead of made per sample. With the generated
 * reader this was half of the ingest's time. Any other writer schema, and any record the fast path
 * cannot read, goes through the Avro deserializer, which resolves the schema or throws the typed
 * error the dead letter names. One thread at a time.
 */
public final class SampleReader {

  private static final int KNOWN_STRINGS = 256;

  private final Deserializer<HealthSample> avro;
  private final CurrentLayout layout;
  private final KnownStrings names = new KnownStrings(KNOWN_STRINGS);
  private long decodedHere;

  public SampleReader(Deserializer<HealthSample> avro) {
    this.avro = avro;
    this.layout = new CurrentLayout(HealthSample.getClassSchema(), avro);
  }

  public void readInto(String topic, byte[] value, SampleBatcher batcher) {
    if (layout.of(topic, value)) {
      try {
        decode(value, batcher);
        decodedHere++;
        return;
      } catch (AvroCursor.Malformed | RuntimeException e) {
        // not what it claims to be: the Avro reader says what is wrong with it
      }
    }
    HealthSample sample = avro.deserialize(topic, value);
    if (sample == null) {
      throw new IllegalArgumentException("a health sample record without a value");
    }
    batcher.add(sample);
  }

  /** Samples decoded by the fast path so far (the rest went through the Avro reader). */
  long decodedHere() {
    return decodedHere;
  }

  /** HealthSample's fields in schema order: the envelope's eight, then the sample's eight. */
  private void decode(byte[] value, SampleBatcher batcher) throws AvroCursor.Malformed {
    // a cursor per record, not a field: a local that does not escape can live in registers
    AvroCursor in = new AvroCursor(value, AvroDeserializer.HEADER_LENGTH);
    long fingerprint = fingerprint(in, in.string());
    in.readLong(); // occurredAt
    in.string(); // actor
    in.optionalString(); // deploymentId
    String model = names.of(in, in.string());
    String version = names.of(in, in.string());
    String environment = names.of(in, in.string());
    in.optionalString(); // causationId
    in.readLong(); // windowStart
    Instant windowEnd = Instant.ofEpochMilli(in.readLong());
    long requests = in.readLong();
    long errors = in.readLong();
    in.skip(16); // p50, p95
    double p99 = in.readDouble();
    Map<String, Double> metrics = in.readDoubleMap();
    if (!in.atEnd()) {
      throw new AvroCursor.Malformed();
    }
    batcher.add(model, environment, new BatchedSample(fingerprint, version, windowEnd, requests, errors, p99, metrics));
  }

  /**
   * {@link SampleIdRing#fingerprint} of the id just stepped over, computed on its bytes when they
   * are ASCII (then the same chars).
   */
  private static long fingerprint(AvroCursor in, int length) {
    byte[] bytes = in.bytes();
    int offset = in.stringStart();
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] < 0) {
        return SampleIdRing.fingerprint(new String(bytes, offset, length, StandardCharsets.UTF_8));
      }
    }
    return SampleIdRing.fingerprint(bytes, offset, length);
  }
}
