package dev.tollgate.rollout.ingest;

import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.HealthSample;
import dev.tollgate.rollout.analysis.SampleIdRing;
import dev.tollgate.schemas.serde.AvroDeserializer;
import dev.tollgate.schemas.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a health sample record into a {@link SampleBatcher}. Samples whose writer schema has the
 * current {@link HealthSample} layout (same parsing canonical form) are decoded from the record's
 * bytes field by field, straight into what the batch carries: the fields the analysis does not use
 * are skipped, the event id is fingerprinted where it lies, and the model, environment and version
 * strings of the few lanes in flight are reused instead of made per sample. With the generated
 * reader this was half of the ingest's time. Any other writer schema, and any record the fast path
 * cannot read, goes through the Avro deserializer, which resolves the schema or throws the typed
 * error the dead letter names.
 */
final class SampleReader {

  private static final int HEADER = AvroDeserializer.HEADER_LENGTH;
  private static final long LAYOUT = SchemaNormalization.parsingFingerprint64(HealthSample.getClassSchema());
  private static final int KNOWN_STRINGS = 256;

  private final Deserializer<HealthSample> avro;
  private final Map<Integer, Boolean> currentLayout = new HashMap<>();
  private final List<byte[]> knownBytes = new ArrayList<>();
  private final List<String> knownStrings = new ArrayList<>();
  // nearly every sample names the same schema id as the one before
  private int lastSchemaId = -1;
  private boolean lastIsCurrent;
  private long decodedHere;

  // the record being decoded, and where in it
  private byte[] in;
  private int at;
  private int end;
  private int stringStart;

  SampleReader(Deserializer<HealthSample> avro) {
    this.avro = avro;
  }

  void readInto(String topic, byte[] value, SampleBatcher batcher) {
    if (value != null && value.length > HEADER && value[0] == AvroSerializer.MAGIC_BYTE
        && isCurrentLayout(topic, value)) {
      try {
        decode(value, batcher);
        decodedHere++;
        return;
      } catch (MalformedSample | RuntimeException e) {
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

  private boolean isCurrentLayout(String topic, byte[] value) {
    if (!(avro instanceof AvroDeserializer<HealthSample> registryReader)) {
      return false;
    }
    int schemaId = AvroDeserializer.schemaIdOf(value);
    if (schemaId == lastSchemaId) {
      return lastIsCurrent;
    }
    Boolean known = currentLayout.get(schemaId);
    if (known == null) {
      known = SchemaNormalization.parsingFingerprint64(registryReader.writerSchema(topic, schemaId)) == LAYOUT;
      currentLayout.put(schemaId, known);
    }
    lastSchemaId = schemaId;
    lastIsCurrent = known;
    return known;
  }

  /** HealthSample's fields in schema order: the envelope's eight, then the sample's eight. */
  private void decode(byte[] value, SampleBatcher batcher) throws MalformedSample {
    in = value;
    at = HEADER;
    end = value.length;
    int idLength = string();
    long fingerprint = fingerprint(stringStart, idLength);
    readLong(); // occurredAt
    string(); // actor
    optionalString(); // deploymentId
    String model = known(string());
    String version = known(string());
    String environment = known(string());
    optionalString(); // causationId
    readLong(); // windowStart
    Instant windowEnd = Instant.ofEpochMilli(readLong());
    long requests = readLong();
    long errors = readLong();
    at += 16; // p50, p95
    double p99 = readDouble();
    Map<String, Double> metrics = Map.of();
    for (long n = readLong(); n != 0; n = readLong()) {
      if (n < 0) {
        n = -n;
        readLong(); // the block's size in bytes
      }
      if (metrics.isEmpty()) {
        metrics = new HashMap<>();
      }
      for (long i = 0; i < n; i++) {
        int length = string();
        metrics.put(new String(in, stringStart, length, StandardCharsets.UTF_8), readDouble());
      }
    }
    if (at != end) {
      throw new MalformedSample();
    }
    batcher.add(model, environment, new BatchedSample(fingerprint, version, windowEnd, requests, errors, p99, metrics));
  }

  /** Avro's zig-zag varint. */
  private long readLong() throws MalformedSample {
    long raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= end) {
        throw new MalformedSample();
      }
      byte b = in[at++];
      raw |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new MalformedSample();
  }

  private double readDouble() throws MalformedSample {
    if (at + 8 > end) {
      throw new MalformedSample();
    }
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = (bits << 8) | (in[at + i] & 0xffL);
    }
    at += 8;
    return Double.longBitsToDouble(bits);
  }

  /** Skips a string, leaving {@code stringStart} at its first byte; returns its length in bytes. */
  private int string() throws MalformedSample {
    long length = readLong();
    if (length < 0 || length > end - at) {
      throw new MalformedSample();
    }
    stringStart = at;
    at += (int) length;
    return (int) length;
  }

  private void optionalString() throws MalformedSample {
    long branch = readLong();
    if (branch == 1) {
      string();
    } else if (branch != 0) {
      throw new MalformedSample();
    }
  }

  /** {@link SampleIdRing#fingerprint} of the id, computed on its bytes when they are ASCII (then the same chars). */
  private long fingerprint(int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (in[i] < 0) {
        return SampleIdRing.fingerprint(new String(in, offset, length, StandardCharsets.UTF_8));
      }
    }
    return SampleIdRing.fingerprint(in, offset, length);
  }

  /** The string just skipped, the same instance each time for the few model, version and environment names. */
  private String known(int length) {
    for (int i = knownBytes.size() - 1; i >= 0; i--) {
      byte[] candidate = knownBytes.get(i);
      if (candidate.length == length && Arrays.equals(candidate, 0, length, in, stringStart, stringStart + length)) {
        return knownStrings.get(i);
      }
    }
    if (knownBytes.size() >= KNOWN_STRINGS) {
      knownBytes.clear();
      knownStrings.clear();
    }
    String value = new String(in, stringStart, length, StandardCharsets.UTF_8);
    knownBytes.add(Arrays.copyOfRange(in, stringStart, stringStart + length));
    knownStrings.add(value);
    return value;
  }

  /** The bytes do not hold a sample of the current layout. */
  private static final class MalformedSample extends Exception {
    MalformedSample() {
      super(null, null, false, false);
    }
  }
}
