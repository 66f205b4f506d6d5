package dev.tollgate.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LaneHealth#admitAll} updates the window in place; these tests hold it to the meaning of
 * admitting the samples one by one, spelled out here with the immutable pieces ({@link
 * HealthStats#plus}, {@link SampleIdRing#with}, {@link ValueReservoir#with}).
 */
class LaneHealthBatchTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2025})
  void aBatchEndsWhereAdmittingItsSamplesOneByOneEnds(long seed) {
    Random random = new Random(seed);
    LaneHealth start = LaneHealth.open("d1", T0, "2.0.0", "1.0.0");
    if (random.nextBoolean()) {
      start = start.collecting(random.nextBoolean() ? ExperimentMetric.P99_LATENCY_MS : "higher:ctr");
    }
    LaneHealth expected = start;
    Map<SampleFate, Long> expectedFates = new EnumMap<>(SampleFate.class);
    LaneHealth actual = start;
    Map<SampleFate, Long> actualFates = new EnumMap<>(SampleFate.class);
    List<Sample> seen = new ArrayList<>();

    for (int batch = 0; batch < 12; batch++) {
      List<Sample> samples = new ArrayList<>();
      int size = random.nextInt(120) + 1;
      for (int i = 0; i < size; i++) {
        Sample sample = !seen.isEmpty() && random.nextInt(8) == 0
            ? seen.get(seen.size() - 1 - random.nextInt(Math.min(seen.size(), 200)))
            : randomSample(random, seen.size());
        seen.add(sample);
        samples.add(sample);
      }
      for (Sample sample : samples) {
        SampleFate fate = oneByOne(expected, sample);
        expectedFates.merge(fate, 1L, Long::sum);
        if (fate == SampleFate.AGGREGATED) {
          expected = added(expected, sample);
        }
      }
      LaneHealth.Admissions admissions = actual.admitAll(samples);
      admissions.fates().forEach((fate, n) -> actualFates.merge(fate, n, Long::sum));
      actual = admissions.health();

      assertThat(actual).as("window after batch %d", batch).isEqualTo(expected);
    }
    assertThat(actualFates).isEqualTo(expectedFates);
    assertThat(expectedFates.get(SampleFate.DUPLICATE)).as("the test repeats samples").isPositive();
    assertThat(expected.recentSampleIds().size()).as("the ring wrapped").isEqualTo(LaneHealth.RECENT_SAMPLE_CAPACITY);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void aBatchWithNothingToAggregateLeavesTheWindowAsItWas(int unknownVersions) {
    LaneHealth start = LaneHealth.open("d1", T0, "2.0.0", null);
    List<Sample> samples = unknownVersions == 0 ? List.of()
        : List.of(new Sample("x", "m", "9.9.9", "staging", T0, 10, 0, 5, Map.of()));

    LaneHealth.Admissions admissions = start.admitAll(samples);

    assertThat(admissions.health()).isSameAs(start);
    assertThat(admissions.count(SampleFate.VERSION_NOT_IN_ROLLOUT)).isEqualTo(unknownVersions);
    assertThat(admissions.count(SampleFate.AGGREGATED)).isZero();
  }

  private static Sample randomSample(Random random, int n) {
    String version = switch (random.nextInt(7)) {
      case 0 -> "3.0.0";
      case 1, 2, 3 -> "2.0.0";
      default -> "1.0.0";
    };
    Map<String, Double> custom = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      custom.put("ctr", random.nextDouble());
    }
    if (random.nextInt(4) == 0) {
      custom.put("drift", random.nextInt(10) == 0 ? Double.NaN : random.nextDouble());
    }
    long requests = random.nextInt(5) == 0 ? 0 : random.nextInt(2000);
    return new Sample("s-" + n + "-" + random.nextLong(), "m", version, "staging", T0, requests,
        requests == 0 ? 0 : random.nextInt((int) requests + 1), random.nextDouble() * 500, custom);
  }

  private static SampleFate oneByOne(LaneHealth health, Sample sample) {
    if (!health.versions().containsKey(sample.version())) {
      return SampleFate.VERSION_NOT_IN_ROLLOUT;
    }
    return health.recentSampleIds().contains(sample.idFingerprint()) ? SampleFate.DUPLICATE : SampleFate.AGGREGATED;
  }

  private static LaneHealth added(LaneHealth health, Sample sample) {
    Map<String, HealthStats> versions = new LinkedHashMap<>(health.versions());
    versions.put(sample.version(), health.of(sample.version()).plus(sample));
    Map<String, ValueReservoir> reservoirs = health.reservoirs();
    if (health.experimentMetric() != null) {
      OptionalDouble value = ExperimentMetric.parse(health.experimentMetric()).valueOf(sample);
      if (value.isPresent()) {
        reservoirs = new LinkedHashMap<>(reservoirs);
        reservoirs.put(sample.version(),
            health.reservoirOf(sample.version()).with(value.getAsDouble(), sample.idFingerprint()));
      }
    }
    return new LaneHealth(health.deploymentId(), health.windowStart(), versions,
        health.recentSampleIds().with(sample.idFingerprint(), LaneHealth.RECENT_SAMPLE_CAPACITY),
        health.experimentMetric(), reservoirs);
  }
}
