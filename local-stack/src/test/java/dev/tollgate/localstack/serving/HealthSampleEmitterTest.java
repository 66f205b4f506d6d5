package dev.tollgate.localstack.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.events.HealthSample;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class HealthSampleEmitterTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void eachServingVersionReportsItsProfileAtItsWeight() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    ProfileBook profiles = new ProfileBook();
    profiles.put("fraud-detector", "2.0.0", new HealthProfile(0.25, 300, 700, 900, 400, Map.of(), false));
    SimulatedPlatform platform = new SimulatedPlatform(profiles, clock);
    platform.apply(new TrafficSplit("fraud-detector", "staging", "c1",
        List.of(new TrafficSplit.Share("2.0.0", 25), new TrafficSplit.Share("1.4.0", 75))));
    platform.apply(new TrafficSplit("churn", "production", "c2",
        List.of(new TrafficSplit.Share("3.0.0", 0), new TrafficSplit.Share("2.9.0", 100))));
    MockProducer<String, HealthSample> producer = new MockProducer<>(true, null, new StringSerializer(),
        Topics.HEALTH_SAMPLES.valueSerde(Map.of("schema.registry.url", "mock://emitter-" + UUID.randomUUID()))
            .serializer());
    AtomicInteger ids = new AtomicInteger();
    HealthSampleEmitter emitter = new HealthSampleEmitter(platform, profiles, new SyntheticHealth(new Random(7)),
        producer, Duration.ofSeconds(1), clock, () -> "sample-" + ids.incrementAndGet());

    assertThat(emitter.emit()).isEqualTo(3);

    List<ProducerRecord<String, HealthSample>> sent = producer.history();
    assertThat(sent).extracting(ProducerRecord::topic).containsOnly(Topics.HEALTH_SAMPLES.name());
    assertThat(sent).extracting(r -> r.key() + "/" + r.value().getEnvelope().getModelVersion())
        .as("the version at weight 0 serves nothing and reports nothing")
        .containsExactly("churn/2.9.0", "fraud-detector/2.0.0", "fraud-detector/1.4.0");
    HealthSample bad = sent.get(1).value();
    assertThat(bad.getRequestCount()).isEqualTo(100); // 25 % of 400/s over 1 s
    assertThat(bad.getErrorCount()).isEqualTo(25);
    assertThat(bad.getLatencyP99Ms()).isBetween(855.0, 945.0);
    assertThat(bad.getWindowStart()).isEqualTo(NOW.minusSeconds(1));
    assertThat(bad.getWindowEnd()).isEqualTo(NOW);
    assertThat(bad.getEnvelope().getActor()).isEqualTo("system:serving-simulator");
    assertThat(bad.getEnvelope().getEnvironment()).isEqualTo("staging");
    assertThat(bad.getEnvelope().getDeploymentId()).isNull();
    HealthSample healthy = sent.get(2).value();
    assertThat(healthy.getRequestCount()).isEqualTo(150); // 75 % of the default 200/s
    assertThat(healthy.getLatencyP99Ms()).isBetween(114.0, 126.0);
    assertThat(sent).extracting(r -> r.value().getEnvelope().getEventId()).doesNotHaveDuplicates();
  }

  @Test
  void aPreviewVersionWithoutLiveTrafficReportsItsProfileAtThePreviewRate() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    ProfileBook profiles = new ProfileBook();
    profiles.put("fraud-detector", "2.0.0", new HealthProfile(0.25, 300, 700, 900, 400, Map.of(), false));
    profiles.put("fraud-detector", "3.0.0", new HealthProfile(0.0, 10, 20, 30, 400, Map.of(), true));
    SimulatedPlatform platform = new SimulatedPlatform(profiles, clock);
    SplitResult preview = platform.apply(new TrafficSplit("fraud-detector", "staging", "c1",
        List.of(new TrafficSplit.Share("2.0.0", 0), new TrafficSplit.Share("1.4.0", 100)), List.of("2.0.0")));
    assertThat(preview.applied()).isTrue();
    assertThat(preview.message()).endsWith("2.0.0=0%, 1.4.0=100% (preview: 2.0.0)");
    assertThat(platform.apply(new TrafficSplit("fraud-detector", "staging", "c2",
        List.of(new TrafficSplit.Share("1.4.0", 100)), List.of("3.0.0"))).applied())
        .as("a preview whose profile rejects traffic does not become ready").isFalse();
    assertThat(new TrafficSplit("m", "e", "c", List.of(new TrafficSplit.Share("2.0.0", 10)), List.of("2.0.0"))
        .malformation()).hasValueSatisfying(m -> assertThat(m).contains("preview version 2.0.0 also has live traffic"));
    MockProducer<String, HealthSample> producer = new MockProducer<>(true, null, new StringSerializer(),
        Topics.HEALTH_SAMPLES.valueSerde(Map.of("schema.registry.url", "mock://emitter-" + UUID.randomUUID()))
            .serializer());
    HealthSampleEmitter emitter = new HealthSampleEmitter(platform, profiles, new SyntheticHealth(new Random(7)),
        producer, Duration.ofSeconds(1), clock, () -> UUID.randomUUID().toString());

    assertThat(emitter.emit()).isEqualTo(2);

    List<ProducerRecord<String, HealthSample>> sent = producer.history();
    assertThat(sent).extracting(r -> r.value().getEnvelope().getModelVersion()).containsExactly("1.4.0", "2.0.0");
    HealthSample previewSample = sent.get(1).value();
    assertThat(previewSample.getRequestCount()).isEqualTo(40); // PREVIEW_WEIGHT 10 % of 400/s over 1 s
    assertThat(previewSample.getErrorCount()).isEqualTo(10);
    assertThat(previewSample.getLatencyP99Ms()).isBetween(855.0, 945.0);
  }
}
