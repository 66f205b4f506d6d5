package dev.tollgate.rollout.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.schemas.serde.AvroSerdeConfig;
import dev.tollgate.schemas.serde.WireFormatException;
import dev.tollgate.schemas.topic.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The ingest's own sample reader and batch writer against the Avro serde they stand in for. */
class SampleCodecTest {

  private static final String SAMPLES = Topics.HEALTH_SAMPLES.name();
  private static final String BATCHES = Topics.HEALTH_SAMPLE_BATCHES.name();

  private final Map<String, Object> registry =
      Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://sample-codec-" + UUID.randomUUID());
  private final Serializer<HealthSample> sampleSerializer = Topics.HEALTH_SAMPLES.valueSerde(registry).serializer();
  private final Deserializer<HealthSample> sampleDeserializer =
      Topics.HEALTH_SAMPLES.valueSerde(registry).deserializer();
  private final Serializer<HealthSampleBatch> batchSerializer =
      Topics.HEALTH_SAMPLE_BATCHES.valueSerde(registry).serializer();

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 2025})
  void readsWhatTheAvroReaderReads(long seed) {
    Random random = new Random(seed);
    SampleBatcher fast = new SampleBatcher(10_000);
    SampleBatcher reference = new SampleBatcher(10_000);
    SampleReader reader = new SampleReader(sampleDeserializer);

    for (int i = 0; i < 500; i++) {
      byte[] bytes = sampleSerializer.serialize(SAMPLES, randomSample(random));
      reader.readInto(SAMPLES, bytes, fast);
      reference.add(sampleDeserializer.deserialize(SAMPLES, bytes));
    }

    assertThat(fast.drain()).isEqualTo(reference.drain());
    assertThat(reader.decodedHere()).as("every sample took the fast path").isEqualTo(500);
  }

  @Test
  void unreadableRecordsFailAsTheAvroReaderFailsThem() {
    SampleReader reader = new SampleReader(sampleDeserializer);
    SampleBatcher batcher = new SampleBatcher(10);
    byte[] good = sampleSerializer.serialize(SAMPLES, randomSample(new Random(3)));

    assertThatThrownBy(() -> reader.readInto(SAMPLES, "not avro".getBytes(), batcher))
        .isInstanceOf(WireFormatException.WrongMagicByte.class);
    assertThatThrownBy(() -> reader.readInto(SAMPLES, Arrays.copyOf(good, good.length - 3), batcher))
        .isInstanceOf(WireFormatException.class);
    byte[] longer = Arrays.copyOf(good, good.length + 2);
    assertThatThrownBy(() -> reader.readInto(SAMPLES, longer, batcher))
        .isInstanceOf(WireFormatException.TrailingBytes.class);
    byte[] unknownId = good.clone();
    unknownId[1] = 0x7f;
    assertThatThrownBy(() -> reader.readInto(SAMPLES, unknownId, batcher))
        .isInstanceOf(WireFormatException.UnknownSchemaId.class);
    assertThatThrownBy(() -> reader.readInto(SAMPLES, null, batcher)).isInstanceOf(IllegalArgumentException.class);
    assertThat(batcher.size()).isZero();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 2025})
  void writesTheBytesTheAvroWriterWrites(long seed) {
    Random random = new Random(seed);
    BatchWriter writer = new BatchWriter(batchSerializer);

    for (int i = 0; i < 50; i++) {
      HealthSampleBatch batch = randomBatch(random);
      assertThat(writer.write(BATCHES, batch)).isEqualTo(batchSerializer.serialize(BATCHES, batch));
    }
  }

  @Test
  void leavesTheWritingToTheSerializerWhenItWritesOtherwise() {
    // e.g. configured to write an older registered version: its bytes are not this writer's
    Serializer<HealthSampleBatch> otherLayout = (topic, batch) -> {
      byte[] avro = batchSerializer.serialize(topic, batch);
      byte[] withExtra = Arrays.copyOf(avro, avro.length + 1);
      withExtra[avro.length] = 0;
      return withExtra;
    };
    BatchWriter writer = new BatchWriter(otherLayout);
    HealthSampleBatch batch = randomBatch(new Random(5));

    assertThat(writer.write(BATCHES, batch)).isEqualTo(otherLayout.serialize(BATCHES, batch));
  }

  private static HealthSample randomSample(Random random) {
    Instant at = Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000));
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int m = random.nextInt(3); m > 0; m--) {
      metrics.put("metric-" + random.nextInt(5), random.nextDouble());
    }
    String id = random.nextInt(10) == 0 ? "ümlaut-" + random.nextLong() : UUID.randomUUID().toString();
    return HealthSample.newBuilder()
        .setEnvelope(Envelope.newBuilder().setEventId(id).setOccurredAt(at).setActor("platform:test")
            .setDeploymentId(random.nextBoolean() ? null : "d-" + random.nextInt(9))
            .setModelName("model-" + random.nextInt(4)).setModelVersion(random.nextInt(2) + ".0.0")
            .setEnvironment(random.nextBoolean() ? "staging" : "production")
            .setCausationId(random.nextBoolean() ? null : "c-" + random.nextInt(9)).build())
        .setWindowStart(at.minusSeconds(1)).setWindowEnd(at)
        .setRequestCount(random.nextInt(5000)).setErrorCount(random.nextInt(50))
        .setLatencyP50Ms(random.nextDouble() * 10).setLatencyP95Ms(random.nextDouble() * 50)
        .setLatencyP99Ms(random.nextDouble() * 500).setCustomMetrics(metrics)
        .build();
  }

  private static HealthSampleBatch randomBatch(Random random) {
    List<BatchedSample> samples = new ArrayList<>();
    for (int i = random.nextInt(40); i >= 0; i--) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int m = random.nextInt(3); m > 0; m--) {
        metrics.put("m" + random.nextInt(5), random.nextDouble());
      }
      samples.add(new BatchedSample(random.nextLong(), random.nextInt(3) + ".0.0",
          Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L)), (long) random.nextInt(Integer.MAX_VALUE),
          (long) random.nextInt(100), random.nextDouble() * 1000, metrics));
    }
    return new HealthSampleBatch("model-" + random.nextInt(3), "staging", samples);
  }
}
