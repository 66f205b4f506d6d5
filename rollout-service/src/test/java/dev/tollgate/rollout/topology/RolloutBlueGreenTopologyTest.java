package dev.tollgate.rollout.topology;

import dev.tollgate.rollout.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.ExperimentConcluded;
import dev.tollgate.events.ExperimentStep;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.PreviewStep;
import dev.tollgate.events.RolloutAborted;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.StrategyKind;
import dev.tollgate.events.SwitchStep;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.SampleCounts;
import dev.tollgate.rollout.stores.StoreNames;
import dev.tollgate.rollout.strategy.RolloutSettings;
import dev.tollgate.schemas.topic.StateKeys;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blue-green previews and A/B experiments through the real topology, acknowledgements required. */
class RolloutBlueGreenTopologyTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final String MODEL = "fraud-detector";
  private static final String ENV = "production";

  @TempDir
  Path stateDir;

  private final MutableClock clock = new MutableClock(T0);
  private final AtomicLong ids = new AtomicLong();
  private Map<String, Object> serdeConfig;
  private TopologyTestDriver driver;
  private TestInputTopic<String, ApprovalEvent> approvals;
  private RolloutTopologyDriver.SampleInput samples;
  private TestInputTopic<String, TrafficAck> acks;
  private TestOutputTopic<String, RolloutEvent> rollouts;
  private TestOutputTopic<String, TrafficCommand> traffic;

  @BeforeEach
  void startDriver() {
    serdeConfig = RolloutTopologyDriver.mockRegistry("rollout-bluegreen");
    RolloutTopologyConfig config = new RolloutTopologyConfig(serdeConfig, clock, Duration.ofMillis(250),
        new RolloutSettings(Duration.ofSeconds(30), true, 3), () -> "id-" + ids.incrementAndGet(),
        new SampleCounts());
    driver = RolloutTopologyDriver.start(config, stateDir, T0, record -> { });
    approvals = input(Topics.APPROVALS);
    samples = RolloutTopologyDriver.samples(driver, serdeConfig);
    acks = input(Topics.TRAFFIC_ACKS);
    rollouts = output(Topics.ROLLOUTS);
    traffic = output(Topics.TRAFFIC_COMMANDS);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void aPreviewCommandNamesThePreviewVersionAndTheSwitchKeepsTheOldOneOnStandby() {
    approvals.pipeInput(MODEL, approved("d1", "1.0.0", StrategyKind.CANARY, new SetWeightStep(100)));
    ackAll();

    approvals.pipeInput(MODEL, approved("d2", "2.0.0", StrategyKind.BLUE_GREEN, new PreviewStep(null),
        new SwitchStep()));
    TrafficCommand preview = traffic.readValue();
    assertThat(preview.getWeights()).containsExactly(new VersionWeight("2.0.0", 0), new VersionWeight("1.0.0", 100));
    assertThat(preview.getPreviewVersions()).containsExactly("2.0.0");
    ack(preview);
    TrafficCommand switched = traffic.readValue();
    assertThat(switched.getWeights()).containsExactly(new VersionWeight("2.0.0", 100), new VersionWeight("1.0.0", 0));
    assertThat(switched.getPreviewVersions()).containsExactly("1.0.0");
  }

  @Test
  void anExperimentCollectsValuesInTheStoredWindowAndPublishesItsResult() {
    approvals.pipeInput(MODEL, approved("d1", "1.0.0", StrategyKind.CANARY, new SetWeightStep(100)));
    ackAll();
    rollouts.readValuesToList();

    approvals.pipeInput(MODEL, approved("d2", "2.0.0", StrategyKind.AB, ExperimentStep.newBuilder()
        .setCandidateWeight(50).setDurationSeconds(60).setMetric("p99_latency_ms").setSignificance(0.05)
        .setPromoteWinner(false).build()));
    ackAll();
    for (int i = 0; i < 12; i++) {
      samples.pipeInput(MODEL, sample("2.0.0", 100 + i));
      samples.pipeInput(MODEL, sample("1.0.0", 200 + i));
    }
    LaneHealth window = laneHealth().get(StateKeys.live(MODEL, ENV));
    assertThat(window.experimentMetric()).isEqualTo("p99_latency_ms");
    assertThat(window.reservoirOf("2.0.0").size()).isEqualTo(12);
    assertThat(window.reservoirOf("1.0.0").values()).contains(200.0, 211.0);

    clock.advance(Duration.ofSeconds(60));
    driver.advanceWallClockTime(Duration.ofSeconds(60));

    List<RolloutEvent> events = rollouts.readValuesToList();
    ExperimentConcluded result = (ExperimentConcluded) events.stream().map(RolloutEvent::getPayload)
        .filter(ExperimentConcluded.class::isInstance).findFirst().orElseThrow();
    assertThat(result.getWinnerVersion()).isEqualTo("2.0.0");
    assertThat(result.getU()).isZero();
    assertThat(result.getPValue()).isLessThan(0.001);
    assertThat(result.getCandidateValueCount()).isEqualTo(12);
    assertThat(result.getBaselineValueCount()).isEqualTo(12);
    assertThat(result.getCandidateMedian()).isEqualTo(105.5);
    assertThat(result.getBaselineMedian()).isEqualTo(205.5);
    assertThat(result.getCandidate().getSampleCount()).isEqualTo(12);
    assertThat(events.get(events.size() - 1).getPayload()).isInstanceOf(RolloutAborted.class);
    assertThat(traffic.readValue().getWeights())
        .containsExactly(new VersionWeight("2.0.0", 0), new VersionWeight("1.0.0", 100));
    assertThat(laneHealth().get(StateKeys.live(MODEL, ENV))).as("window gone with the rollout").isNull();
  }

  private void ackAll() {
    traffic.readValuesToList().forEach(this::ack);
  }

  private void ack(TrafficCommand command) {
    Envelope e = command.getEnvelope();
    acks.pipeInput(MODEL, new TrafficAck(envelope("adapter:test", e.getDeploymentId(), e.getModelVersion()),
        command.getCommandId(), true, null, command.getWeights()));
  }

  private KeyValueStore<String, LaneHealth> laneHealth() {
    return driver.getKeyValueStore(StoreNames.LANE_HEALTH);
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return RolloutTopologyDriver.input(driver, topic, serdeConfig);
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return RolloutTopologyDriver.output(driver, topic, serdeConfig);
  }

  private HealthSample sample(String version, double p99) {
    return RolloutTopologyDriver.healthSample(envelope("platform:test", null, version), clock.instant(), 100, 0, p99);
  }

  private Envelope envelope(String actor, String deploymentId, String version) {
    return RolloutTopologyDriver.envelope(clock.instant(), actor, deploymentId, MODEL, version, ENV);
  }

  private ApprovalEvent approved(String deploymentId, String version, StrategyKind kind, Object... steps) {
    return new ApprovalEvent(envelope("system:approval-service", deploymentId, version),
        DeploymentApproved.newBuilder()
            .setArtifactDigest("sha256:" + "c".repeat(64))
            .setPolicyVersion("production-v1")
            .setApprovers(List.of("alice", "bob"))
            .setStrategy(new RolloutStrategy(kind, List.of(steps)))
            .setProfile(new DeploymentProfile("ml.g5", "xlarge", 2, "eu-west-1", null))
            .build());
  }
}
