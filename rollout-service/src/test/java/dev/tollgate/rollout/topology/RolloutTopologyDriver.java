package dev.tollgate.rollout.topology;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.rollout.deadletter.DeadLetterHandler;
import dev.tollgate.rollout.deadletter.DeadLetterSender;
import dev.tollgate.rollout.samples.SampleBatcher;
import dev.tollgate.schemas.serde.AvroSerdeConfig;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The real rollout topology in a {@link TopologyTestDriver}, configured as rollout-service runs it
 * (exactly-once, unreadable records to the dead-letter sender), with typed topics from the catalog.
 */
final class RolloutTopologyDriver {

  private RolloutTopologyDriver() {}

  /** Serde settings naming a fresh in-memory schema registry, so tests never share schema ids. */
  static Map<String, Object> mockRegistry(String name) {
    return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + name + "-" + UUID.randomUUID());
  }

  static TopologyTestDriver start(RolloutTopologyConfig config, Path stateDir, Instant start,
      DeadLetterSender deadLetters) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rollout-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(DeadLetterHandler.SENDER_CONFIG, deadLetters);
    props.putAll(config.serdeConfig());
    return new TopologyTestDriver(RolloutTopology.build(config), props, start);
  }

  static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic,
      Map<String, ?> serdeConfig) {
    return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde(serdeConfig).serializer());
  }

  static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<String, V> topic,
      Map<String, ?> serdeConfig) {
    return driver.createOutputTopic(topic.name(), new StringDeserializer(),
        topic.valueSerde(serdeConfig).deserializer());
  }

  /**
   * Health samples as the controller receives them: regrouped into batches by the same {@link
   * SampleBatcher} the health ingest runs.
   */
  static SampleInput samples(TopologyTestDriver driver, Map<String, ?> serdeConfig) {
    return new SampleInput(input(driver, Topics.HEALTH_SAMPLE_BATCHES, serdeConfig));
  }

  static final class SampleInput {
    private final TestInputTopic<String, HealthSampleBatch> batches;

    private SampleInput(TestInputTopic<String, HealthSampleBatch> batches) {
      this.batches = batches;
    }

    /** One sample in a batch of its own. */
    void pipeInput(String model, HealthSample sample) {
      pipeBatch(model, sample);
    }

    /** The samples as the ingest would batch them after reading them together. */
    void pipeBatch(String model, HealthSample... samples) {
      SampleBatcher batcher = new SampleBatcher(LARGE_BATCH);
      for (HealthSample sample : samples) {
        batcher.add(sample);
      }
      batcher.drain().forEach(batch -> batches.pipeInput(model, batch));
    }
  }

  private static final int LARGE_BATCH = 10_000;

  /** An envelope with a fresh event id, occurred {@code at}, with no causation. */
  static Envelope envelope(Instant at, String actor, String deploymentId, String model, String version,
      String environment) {
    return Envelope.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(at)
        .setActor(actor)
        .setDeploymentId(deploymentId)
        .setModelName(model)
        .setModelVersion(version)
        .setEnvironment(environment)
        .setCausationId(null)
        .build();
  }

  /** A one-second health window ending {@code at}; p50 and p95 follow from the p99. */
  static HealthSample healthSample(Envelope envelope, Instant at, long requests, long errors, double p99) {
    return HealthSample.newBuilder()
        .setEnvelope(envelope)
        .setWindowStart(at.minusSeconds(1))
        .setWindowEnd(at)
        .setRequestCount(requests)
        .setErrorCount(errors)
        .setLatencyP50Ms(p99 / 4)
        .setLatencyP95Ms(p99 / 2)
        .setLatencyP99Ms(p99)
        .setCustomMetrics(Map.of())
        .build();
  }
}
