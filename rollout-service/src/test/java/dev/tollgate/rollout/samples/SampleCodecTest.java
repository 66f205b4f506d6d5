package dev.tollgate.rollout.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.schemas.serde.AvroDeserializer;
import dev.tollgate.schemas.serde.AvroSerdeConfig;
import dev.tollgate.schemas.serde.WireFormatException;
import dev.tollgate.schemas.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The ingest's own sample reader, batch writer and batch reader against the Avro serde they stand in for. */
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
  private final Deserializer<HealthSampleBatch> batchDeserializer =
      Topics.HEALTH_SAMPLE_BATCHES.valueSerde(registry).deserializer();

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

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 2025})
  void readsBatchesAsTheAvroReaderReadsThem(long seed) {
    Random random = new Random(seed);
    BatchReader reader = new BatchReader(batchDeserializer);
    BatchWriter writer = new BatchWriter(batchSerializer);

    for (int i = 0; i < 50; i++) {
      HealthSampleBatch batch = randomBatch(random);
      byte[] bytes = i % 2 == 0 ? batchSerializer.serialize(BATCHES, batch) : writer.write(BATCHES, batch);
      assertThat(reader.deserialize(BATCHES, bytes)).isEqualTo(batchDeserializer.deserialize(BATCHES, bytes))
          .isEqualTo(batch);
    }
    assertThat(reader.decodedHere()).as("every batch took the fast path").isEqualTo(50);
  }

  @Test
  void readsArraysAndMapsWrittenInSizedBlocks() throws IOException {
    // Avro lets a writer split an array or map into blocks with a negative count and a byte size
    HealthSampleBatch batch = randomBatch(new Random(11));
    byte[] framed = batchSerializer.serialize(BATCHES, batch);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(framed, 0, AvroDeserializer.HEADER_LENGTH);
    BinaryEncoder blocks = EncoderFactory.get().blockingBinaryEncoder(out, null);
    new SpecificDatumWriter<HealthSampleBatch>(HealthSampleBatch.getClassSchema()).write(batch, blocks);
    blocks.flush();
    byte[] sized = out.toByteArray();
    BatchReader reader = new BatchReader(batchDeserializer);

    assertThat(sized).isNotEqualTo(framed);
    assertThat(reader.deserialize(BATCHES, sized)).isEqualTo(batch);
    assertThat(reader.decodedHere()).isEqualTo(1);
  }

  @Test
  void unreadableBatchesFailAsTheAvroReaderFailsThem() {
    BatchReader reader = new BatchReader(batchDeserializer);
    byte[] good = batchSerializer.serialize(BATCHES, randomBatch(new Random(3)));

    assertThatThrownBy(() -> reader.deserialize(BATCHES, "not avro".getBytes()))
        .isInstanceOf(WireFormatException.WrongMagicByte.class);
    assertThatThrownBy(() -> reader.deserialize(BATCHES, Arrays.copyOf(good, good.length - 3)))
        .isInstanceOf(WireFormatException.class);
    assertThatThrownBy(() -> reader.deserialize(BATCHES, Arrays.copyOf(good, good.length + 2)))
        .isInstanceOf(WireFormatException.TrailingBytes.class);
    byte[] unknownId = good.clone();
    unknownId[1] = 0x7f;
    assertThatThrownBy(() -> reader.deserialize(BATCHES, unknownId))
        .isInstanceOf(WireFormatException.UnknownSchemaId.class);
    assertThat(reader.decodedHere()).isZero();
  }

  @Test
  void streamThreadsCanShareOneBatchReader() throws Exception {
    BatchReader reader = new BatchReader(batchDeserializer);
    List<byte[]> records = new ArrayList<>();
    List<HealthSampleBatch> expected = new ArrayList<>();
    Random random = new Random(17);
    for (int i = 0; i < 200; i++) {
      HealthSampleBatch batch = randomBatch(random);
      records.add(batchSerializer.serialize(BATCHES, batch));
      expected.add(batch);
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<HealthSampleBatch>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(threads.submit(() -> records.stream().map(r -> reader.deserialize(BATCHES, r)).toList()));
      }
      for (Future<List<HealthSampleBatch>> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      threads.shutdownNow();
    }
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
