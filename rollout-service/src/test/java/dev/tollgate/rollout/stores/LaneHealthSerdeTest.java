package dev.tollgate.rollout.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.Sample;
import dev.tollgate.rollout.analysis.SampleFate;
import dev.tollgate.rollout.analysis.ValueReservoir;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class LaneHealthSerdeTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00.123456789Z");

  private final LaneHealthSerde serde = new LaneHealthSerde();

  @Test
  void aWindowWithBothVersionsCustomMetricsAndSampleIdsSurvivesTheRoundTrip() {
    LaneHealth health = LaneHealth.open("d1", T0, "1.5.0", "1.4.0");
    for (int i = 0; i < LaneHealth.RECENT_SAMPLE_CAPACITY + 3; i++) {
      health = health.admit(new Sample("s" + i, "fraud-detector", i % 2 == 0 ? "1.5.0" : "1.4.0", "staging", T0,
          100, i % 5, 20.0 + i, Map.of("drift", 0.01 * i, "ctr", 0.5))).health();
    }

    byte[] bytes = serde.serializer().serialize("store", health);
    LaneHealth read = serde.deserializer().deserialize("store", bytes);

    assertThat(read).isEqualTo(health);
    assertThat(read.windowStart()).isEqualTo(T0);
    assertThat(read.versions().keySet()).containsExactlyInAnyOrder("1.5.0", "1.4.0");
    assertThat(read.recentSampleIds().size()).isEqualTo(LaneHealth.RECENT_SAMPLE_CAPACITY);
    assertThat(read.admit(new Sample("s130", "fraud-detector", "1.4.0", "staging", T0, 1, 0, 1, Map.of())).fate())
        .as("the last sample ids are remembered across the store").isEqualTo(SampleFate.DUPLICATE);
    assertThat(bytes.length).as("compact: sample ids as 8-byte fingerprints")
        .isLessThan(LaneHealth.RECENT_SAMPLE_CAPACITY * 8 + 200);
    assertThat(serde.serializer().serialize("store", null)).isNull();
    assertThat(serde.deserializer().deserialize("store", null)).isNull();
  }

  @Test
  void readsAWindowThatAnEarlierVersionStoredAsJson() {
    String json = """
        {"deploymentId":"d1","windowStart":"2025-03-03T09:00:00Z",
         "versions":{"1.5.0":{"version":"1.5.0","sampleCount":2,"requestCount":200,"errorCount":3,
                              "p99LatencyMs":80.0,"customMetrics":{"drift":0.2}}},
         "recentSampleIds":["s1","s2"]}""";

    LaneHealth read = serde.deserializer().deserialize("store", json.getBytes(StandardCharsets.UTF_8));

    assertThat(read.deploymentId()).isEqualTo("d1");
    assertThat(read.windowStart()).isEqualTo(Instant.parse("2025-03-03T09:00:00Z"));
    assertThat(read.of("1.5.0").errorCount()).isEqualTo(3);
    assertThat(read.of("1.5.0").customMetrics()).containsEntry("drift", 0.2);
    assertThat(read.admit(new Sample("s2", "m", "1.5.0", "staging", T0, 1, 0, 1, Map.of())).fate())
        .isEqualTo(SampleFate.DUPLICATE);
    assertThat(read.admit(new Sample("s3", "m", "1.5.0", "staging", T0, 1, 0, 1, Map.of())).fate())
        .isEqualTo(SampleFate.AGGREGATED);
  }

  @Test
  void anExperimentWindowWithReservoirsSurvivesTheRoundTripAndWithoutOneStaysFormatOne() {
    LaneHealth plain = LaneHealth.open("d1", T0, "2.0.0", "1.0.0");
    assertThat(serde.serializer().serialize("store", plain)[0]).isEqualTo(LaneHealthSerde.FORMAT);
    LaneHealth health = plain.collecting("p99_latency_ms");
    for (int i = 0; i < ValueReservoir.CAPACITY + 10; i++) {
      health = health.admit(new Sample("s" + i, "fraud-detector", i % 3 == 0 ? "1.0.0" : "2.0.0", "staging", T0,
          100, 1, 20.0 + i, Map.of())).health();
    }

    byte[] bytes = serde.serializer().serialize("store", health);
    LaneHealth read = serde.deserializer().deserialize("store", bytes);

    assertThat(bytes[0]).isEqualTo(LaneHealthSerde.FORMAT_WITH_EXPERIMENT);
    assertThat(read).isEqualTo(health);
    assertThat(read.experimentMetric()).isEqualTo("p99_latency_ms");
    assertThat(read.reservoirOf("2.0.0").size()).isEqualTo(177);
    assertThat(read.reservoirOf("1.0.0").seen()).isEqualTo(89);
    assertThatThrownBy(() -> serde.deserializer().deserialize("store", java.util.Arrays.copyOf(bytes, bytes.length - 4)))
        .as("a truncated window").isInstanceOf(SerializationException.class);
  }

  @Test
  void anUnknownFormatIsASerializationError() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("store", new byte[] {7, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot read LaneHealth");
  }
}
