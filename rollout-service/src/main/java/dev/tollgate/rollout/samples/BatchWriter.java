package dev.tollgate.rollout.samples;

import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.schemas.serde.AvroDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes batches in Confluent's wire format, the Avro body encoded field by field instead of through
 * the generated writer (a fifth of the ingest's time with it). The Avro serializer still decides the
 * schema id: it writes a probe batch once, and only if this writer's bytes for the probe are the
 * same (the serializer may be configured to write another registered version) does this writer take
 * over; otherwise every batch goes through the serializer.
 */
public final class BatchWriter {

  private static final int HEADER = AvroDeserializer.HEADER_LENGTH;

  private final Serializer<HealthSampleBatch> avro;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
  private BinaryEncoder encoder;
  private byte[] header;
  private boolean probed;

  public BatchWriter(Serializer<HealthSampleBatch> avro) {
    this.avro = avro;
  }

  public byte[] write(String topic, HealthSampleBatch batch) {
    if (!probed) {
      probe(topic);
    }
    return header == null ? avro.serialize(topic, batch) : encode(batch);
  }

  private void probe(String topic) {
    HealthSampleBatch probe = new HealthSampleBatch("probe-model", "probe-environment", List.of(
        new BatchedSample(-7L, "1.0.0", Instant.ofEpochMilli(1_700_000_000_123L), 1_000L, 3L, 97.25,
            Map.of("drift", 0.5)),
        new BatchedSample(42L, "2.0.0", Instant.ofEpochMilli(0), 0L, 0L, 0.0, Map.of())));
    byte[] expected = avro.serialize(topic, probe);
    header = Arrays.copyOf(expected, HEADER);
    if (!Arrays.equals(expected, encode(probe))) {
      header = null;
    }
    probed = true;
  }

  private byte[] encode(HealthSampleBatch batch) {
    buffer.reset();
    buffer.write(header, 0, HEADER);
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    try {
      encoder.writeString(batch.getModelName());
      encoder.writeString(batch.getEnvironment());
      List<BatchedSample> samples = batch.getSamples();
      encoder.writeArrayStart();
      encoder.setItemCount(samples.size());
      for (BatchedSample sample : samples) {
        encoder.startItem();
        encoder.writeLong(sample.getIdFingerprint());
        encoder.writeString(sample.getModelVersion());
        encoder.writeLong(sample.getWindowEnd().toEpochMilli());
        encoder.writeLong(sample.getRequestCount());
        encoder.writeLong(sample.getErrorCount());
        encoder.writeDouble(sample.getLatencyP99Ms());
        Map<String, Double> metrics = sample.getCustomMetrics();
        encoder.writeMapStart();
        encoder.setItemCount(metrics.size());
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
          encoder.startItem();
          encoder.writeString(metric.getKey());
          encoder.writeDouble(metric.getValue());
        }
        encoder.writeMapEnd();
      }
      encoder.writeArrayEnd();
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }
}
