package dev.tollgate.rollout.samples;

import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.schemas.serde.AvroDeserializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the health ingest's batches for the controller, the counterpart of {@link BatchWriter}.
 * Batches whose writer schema has the current {@link HealthSampleBatch} layout are decoded field by
 * field, each version name made once per batch; with the generated reader this was about a third
 * of the controller's stream thread. Any other writer schema, and any record this reader cannot
 * read, goes through the Avro deserializer, which resolves the schema or throws the typed error.
 * Safe for several stream threads: a source's deserializer is shared by all of them.
 */
public final class BatchReader implements Deserializer<HealthSampleBatch> {

  /** Version names per batch: one or two, a few more in an A/B run. */
  private static final int KNOWN_VERSIONS = 16;

  private final Deserializer<HealthSampleBatch> avro;
  private final CurrentLayout layout;
  private final LongAdder decodedHere = new LongAdder();

  public BatchReader(Deserializer<HealthSampleBatch> avro) {
    this.avro = avro;
    this.layout = new CurrentLayout(HealthSampleBatch.getClassSchema(), avro);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    avro.configure(configs, isKey);
  }

  @Override
  public HealthSampleBatch deserialize(String topic, byte[] data) {
    if (layout.of(topic, data)) {
      try {
        HealthSampleBatch batch = decode(data);
        decodedHere.increment();
        return batch;
      } catch (AvroCursor.Malformed | RuntimeException e) {
        // not what it claims to be: the Avro reader says what is wrong with it
      }
    }
    return avro.deserialize(topic, data);
  }

  @Override
  public void close() {
    avro.close();
  }

  /** Batches decoded by the fast path so far (the rest went through the Avro reader). */
  long decodedHere() {
    return decodedHere.sum();
  }

  /** The batch's fields in schema order, its samples' in theirs. */
  private static HealthSampleBatch decode(byte[] data) throws AvroCursor.Malformed {
    AvroCursor in = new AvroCursor(data, AvroDeserializer.HEADER_LENGTH);
    String model = in.lastString(in.string());
    String environment = in.lastString(in.string());
    KnownStrings versions = new KnownStrings(KNOWN_VERSIONS);
    List<BatchedSample> samples = new ArrayList<>();
    for (long count = in.blockCount(); count != 0; count = in.blockCount()) {
      for (long i = 0; i < count; i++) {
        long fingerprint = in.readLong();
        String version = versions.of(in, in.string());
        Instant windowEnd = Instant.ofEpochMilli(in.readLong());
        long requests = in.readLong();
        long errors = in.readLong();
        double p99 = in.readDouble();
        samples.add(new BatchedSample(fingerprint, version, windowEnd, requests, errors, p99, in.readDoubleMap()));
      }
    }
    if (!in.atEnd()) {
      throw new AvroCursor.Malformed();
    }
    return new HealthSampleBatch(model, environment, samples);
  }
}
