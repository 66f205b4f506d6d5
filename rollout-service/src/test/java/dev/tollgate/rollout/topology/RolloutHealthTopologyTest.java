package dev.tollgate.rollout.topology;

import dev.tollgate.rollout.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.events.AbortRequested;
import dev.tollgate.events.AlertFired;
import dev.tollgate.events.AnalysisFailed;
import dev.tollgate.events.AnalysisPassed;
import dev.tollgate.events.AnalysisStep;
import dev.tollgate.events.AnalysisThresholds;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthStats;
import dev.tollgate.events.OperatorCommand;
import dev.tollgate.events.RollbackCompleted;
import dev.tollgate.events.RollbackTrigger;
import dev.tollgate.events.RollbackTriggered;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPromoted;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.StrategyKind;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.SampleCounts;
import dev.tollgate.rollout.analysis.SampleFate;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.VersionStatus;
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health analysis, acknowledgements and rollbacks through the real topology, acknowledgements required. */
class RolloutHealthTopologyTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final String MODEL = "fraud-detector";
  private static final String ENV = "production";
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  Path stateDir;

  private final MutableClock clock = new MutableClock(T0);
  private final AtomicLong ids = new AtomicLong();
  private final SampleCounts counts = new SampleCounts();
  private Map<String, Object> serdeConfig;
  private TopologyTestDriver driver;
  private TestInputTopic<String, ApprovalEvent> approvals;
  private RolloutTopologyDriver.SampleInput samples;
  private TestInputTopic<String, TrafficAck> acks;
  private TestInputTopic<String, OperatorCommand> commands;
  private TestOutputTopic<String, RolloutEvent> rollouts;
  private TestOutputTopic<String, TrafficCommand> traffic;

  @BeforeEach
  void startDriver() {
    serdeConfig = RolloutTopologyDriver.mockRegistry("rollout-health");
    RolloutTopologyConfig config = new RolloutTopologyConfig(serdeConfig, clock, Duration.ofMillis(250),
        new RolloutSettings(ACK_TIMEOUT, true, 3), () -> "id-" + ids.incrementAndGet(), counts);
    driver = RolloutTopologyDriver.start(config, stateDir, T0, record -> { });
    approvals = input(Topics.APPROVALS);
    samples = RolloutTopologyDriver.samples(driver, serdeConfig);
    acks = input(Topics.TRAFFIC_ACKS);
    commands = input(Topics.ROLLOUT_COMMANDS);
    rollouts = output(Topics.ROLLOUTS);
    traffic = output(Topics.TRAFFIC_COMMANDS);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void aCanaryWithAnAnalysisStepIsPromotedOnHealthySamples() {
    approvals.pipeInput(MODEL, approved("d1", "1.0.0", new SetWeightStep(100)));
    ackLast();
    assertThat(liveVersion()).isEqualTo("1.0.0");
    rollouts.readValuesToList();

    approvals.pipeInput(MODEL, approved("d2", "2.0.0", new SetWeightStep(25), analysis(2, 0)));
    assertThat(rolloutPayloadTypes()).containsExactly("RolloutStarted", "StepStarted");
    TrafficCommand canary = traffic.readValue();
    assertThat(canary.getWeights()).containsExactly(new VersionWeight("2.0.0", 25), new VersionWeight("1.0.0", 75));

    advance(Duration.ofSeconds(5));
    assertThat(rollouts.isEmpty()).as("the step waits for the platform's acknowledgement").isTrue();
    ack(canary, true);
    assertThat(rolloutPayloadTypes()).containsExactly("StepCompleted", "StepStarted");

    for (int round = 0; round < 2; round++) {
      healthy("2.0.0", 3);
      healthy("1.0.0", 3);
      advance(Duration.ofSeconds(10));
    }

    List<RolloutEvent> events = rollouts.readValuesToList();
    assertThat(events).extracting(e -> e.getPayload().getClass().getSimpleName())
        .containsExactly("AnalysisPassed", "StepCompleted");
    AnalysisPassed passed = (AnalysisPassed) events.get(0).getPayload();
    assertThat(passed.getCandidate()).isEqualTo(new HealthStats("2.0.0", 3L, 3000L, 3L, 0.001, 80.0, Map.of()));
    assertThat(passed.getBaseline().getModelVersion()).isEqualTo("1.0.0");
    assertThat(passed.getSummary()).contains("passed 2 of 2 measurements", "error rate 0.0010 <= max 0.0200");

    ack(traffic.readValue(), true);
    assertThat(rollouts.readValuesToList()).extracting(RolloutEvent::getPayload)
        .containsExactly(new RolloutPromoted("1.0.0"));
    assertThat(liveVersion()).isEqualTo("2.0.0");
    assertThat(state("2.0.0").lastVerdict()).startsWith("passed: analysis at step 1 passed 2 of 2");
    assertThat(counts.count(SampleFate.AGGREGATED)).isEqualTo(12);
  }

  @Test
  void aBreachRollsBackToTheLastKnownGoodVersionNotThePreviousDeployment() {
    approvals.pipeInput(MODEL, approved("d1", "1.0.0", new SetWeightStep(100)));
    ackLast();
    approvals.pipeInput(MODEL, approved("d2", "2.0.0", new SetWeightStep(100)));
    ackLast();
    // 3.0.0 fails its analysis: rolled back to 2.0.0, it never becomes known-good
    approvals.pipeInput(MODEL, approved("d3", "3.0.0", new SetWeightStep(10), analysis(3, 0)));
    ackLast();
    failing("3.0.0", 3);
    advance(Duration.ofSeconds(10));
    ackLast();
    rollouts.readValuesToList();
    assertThat(state("3.0.0").status()).isEqualTo(VersionStatus.ROLLED_BACK);

    approvals.pipeInput(MODEL, approved("d4", "4.0.0", new SetWeightStep(10), analysis(3, 0)));
    ackLast();
    rollouts.readValuesToList();
    failing("4.0.0", 3);
    healthy("2.0.0", 3);
    advance(Duration.ofSeconds(10));

    List<RolloutEvent> events = rollouts.readValuesToList();
    assertThat(events).extracting(e -> e.getPayload().getClass().getSimpleName())
        .containsExactly("AnalysisFailed", "RollbackTriggered");
    AnalysisFailed failed = (AnalysisFailed) events.get(0).getPayload();
    assertThat(failed.getCandidate()).isEqualTo(new HealthStats("4.0.0", 3L, 300L, 30L, 0.1, 400.0, Map.of()));
    assertThat(failed.getBaseline().getModelVersion()).isEqualTo("2.0.0");
    RollbackTriggered rollback = (RollbackTriggered) events.get(1).getPayload();
    assertThat(rollback.getTrigger()).isEqualTo(RollbackTrigger.ANALYSIS_FAILED);
    assertThat(rollback.getRollbackToVersion()).isEqualTo("2.0.0");
    assertThat(rollback.getStepIndex()).isEqualTo(1);
    assertThat(rollback.getEvidence()).isEqualTo(failed.getCandidate());
    assertThat(rollback.getReason()).contains("error rate 0.1000 > max 0.0200", "p99 400.0 ms > max 250.0 ms");
    TrafficCommand restore = traffic.readValue();
    assertThat(restore.getWeights()).containsExactly(new VersionWeight("4.0.0", 0), new VersionWeight("2.0.0", 100));
    assertThat(state("4.0.0").status()).isEqualTo(VersionStatus.ROLLING_BACK);

    ack(restore, true);

    assertThat(rollouts.readValuesToList()).extracting(RolloutEvent::getPayload)
        .containsExactly(new RollbackCompleted("2.0.0"));
    assertThat(state("4.0.0").status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(liveVersion()).isEqualTo("2.0.0");
    assertThat(laneHealth().get(StateKeys.live(MODEL, ENV))).as("no window without an active rollout").isNull();
  }

  @Test
  void aMissedAcknowledgementDeadlineRollsBack() {
    approvals.pipeInput(MODEL, approved("d1", "1.0.0", new SetWeightStep(100)));
    ackLast();
    approvals.pipeInput(MODEL, approved("d2", "2.0.0", new SetWeightStep(50), new SetWeightStep(100)));
    TrafficCommand unanswered = traffic.readValue();
    rollouts.readValuesToList();

    advance(ACK_TIMEOUT.minusSeconds(1));
    assertThat(rollouts.isEmpty()).isTrue();
    advance(Duration.ofSeconds(1));

    RollbackTriggered rollback = (RollbackTriggered) rollouts.readValue().getPayload();
    assertThat(rollback.getTrigger()).isEqualTo(RollbackTrigger.TRAFFIC_NOT_ACKNOWLEDGED);
    assertThat(rollback.getReason()).isEqualTo("traffic command " + unanswered.getCommandId()
        + " was not acknowledged by its deadline " + unanswered.getAckDeadline());
    assertThat(rollback.getRollbackToVersion()).isEqualTo("1.0.0");
    assertThat(traffic.readValue().getWeights())
        .containsExactly(new VersionWeight("2.0.0", 0), new VersionWeight("1.0.0", 100));
    assertThat(state("2.0.0").status()).isEqualTo(VersionStatus.ROLLING_BACK);
  }

  @Test
  void samplesForUnknownDeploymentsAreCountedAndDroppedAndReplaysCountOnce() {
    samples.pipeInput(MODEL, sample("s0", "9.9.9", 100, 0, 10));
    samples.pipeInput("other-model", sample("s00", "1.0.0", 100, 0, 10));
    assertThat(counts.count(SampleFate.NO_ACTIVE_ROLLOUT)).isEqualTo(2);

    approvals.pipeInput(MODEL, approved("d1", "1.0.0", new SetWeightStep(20), analysis(1, 0)));
    TrafficCommand first = traffic.readValue();
    ack(first, true);
    TrafficAck replayedAck = ackOf(first, true);
    HealthSample once = sample("s1", "1.0.0", 1000, 1, 50);

    samples.pipeInput(MODEL, once);
    samples.pipeInput(MODEL, once);
    samples.pipeInput(MODEL, sample("s2", "0.5.0", 100, 0, 10));
    acks.pipeInput(MODEL, replayedAck);
    acks.pipeInput(MODEL, replayedAck);

    LaneHealth window = laneHealth().get(StateKeys.live(MODEL, ENV));
    assertThat(window.of("1.0.0").sampleCount()).isEqualTo(1);
    assertThat(window.of("1.0.0").requestCount()).isEqualTo(1000);
    assertThat(counts.count(SampleFate.AGGREGATED)).isEqualTo(1);
    assertThat(counts.count(SampleFate.DUPLICATE)).isEqualTo(1);
    assertThat(counts.count(SampleFate.VERSION_NOT_IN_ROLLOUT)).isEqualTo(1);
    assertThat(rolloutPayloadTypes()).as("replayed acks move nothing")
        .containsExactly("RolloutStarted", "StepStarted", "StepCompleted", "StepStarted");
  }

  @Test
  void aBatchCountsEachOfItsSamplesByFateAsIfTheyCameOneByOne() {
    approvals.pipeInput(MODEL, approved("d1", "1.0.0", new SetWeightStep(20), analysis(1, 0)));
    ack(traffic.readValue(), true);
    HealthSample repeated = sample("r1", "1.0.0", 1000, 10, 80);

    samples.pipeBatch(MODEL, repeated, sample("r2", "1.0.0", 500, 0, 120), repeated,
        sample("r3", "7.7.7", 100, 0, 10), sample("r4", "1.0.0", 0, 0, 30));
    samples.pipeBatch(MODEL, repeated);

    LaneHealth window = laneHealth().get(StateKeys.live(MODEL, ENV));
    assertThat(window.of("1.0.0").sampleCount()).isEqualTo(3);
    assertThat(window.of("1.0.0").requestCount()).isEqualTo(1500);
    assertThat(window.of("1.0.0").errorCount()).isEqualTo(10);
    assertThat(window.of("1.0.0").p99LatencyMs()).isEqualTo(120.0);
    assertThat(counts.count(SampleFate.AGGREGATED)).isEqualTo(3);
    assertThat(counts.count(SampleFate.DUPLICATE)).as("within the batch and in the next one").isEqualTo(2);
    assertThat(counts.count(SampleFate.VERSION_NOT_IN_ROLLOUT)).isEqualTo(1);
  }

  @Test
  void aManualAbortOnTheCommandTopicRollsBackOnceAndAnAlertForAFinishedRolloutChangesNothing() {
    approvals.pipeInput(MODEL, approved("d1", "1.0.0", new SetWeightStep(100)));
    ackLast();
    approvals.pipeInput(MODEL, approved("d2", "2.0.0", new SetWeightStep(30), analysis(5, 1)));
    ackLast();
    rollouts.readValuesToList();
    OperatorCommand abort = new OperatorCommand(envelope("olivia", "d2", "2.0.0"),
        new AbortRequested("p99 is climbing"));

    commands.pipeInput(MODEL, abort);
    commands.pipeInput(MODEL, abort);

    List<RolloutEvent> events = rollouts.readValuesToList();
    assertThat(events).hasSize(1);
    RollbackTriggered rollback = (RollbackTriggered) events.get(0).getPayload();
    assertThat(rollback).isEqualTo(new RollbackTriggered(RollbackTrigger.MANUAL_ABORT,
        "aborted by olivia: p99 is climbing", 1, "1.0.0", null));
    assertThat(events.get(0).getEnvelope().getCausationId()).isEqualTo(abort.getEnvelope().getEventId());
    ackLast();
    assertThat(rollouts.readValuesToList()).extracting(RolloutEvent::getPayload)
        .containsExactly(new RollbackCompleted("1.0.0"));

    commands.pipeInput(MODEL, new OperatorCommand(envelope("alertmanager", "d2", "2.0.0"),
        new AlertFired("HighErrorRate", "5xx above 5%", Map.of())));
    assertThat(rollouts.isEmpty()).isTrue();
    assertThat(state("2.0.0").status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(liveVersion()).isEqualTo("1.0.0");
  }

  @Test
  void anExternalAlertRollsBackTheActiveRollout() {
    approvals.pipeInput(MODEL, approved("d1", "1.0.0", new SetWeightStep(30), analysis(5, 1)));
    ackLast();
    rollouts.readValuesToList();

    commands.pipeInput(MODEL, new OperatorCommand(envelope("alertmanager", "d1", "1.0.0"),
        new AlertFired("HighErrorRate", "5xx above 5%", Map.of("severity", "page"))));

    RollbackTriggered rollback = (RollbackTriggered) rollouts.readValue().getPayload();
    assertThat(rollback.getTrigger()).isEqualTo(RollbackTrigger.EXTERNAL_ALERT);
    assertThat(rollback.getReason()).isEqualTo("external alert HighErrorRate firing: 5xx above 5%");
    assertThat(rollback.getRollbackToVersion()).as("nothing was ever promoted here").isNull();
    assertThat(traffic.readValue().getWeights()).containsExactly(new VersionWeight("1.0.0", 0));
  }

  // --- helpers -------------------------------------------------------------------------------

  private void advance(Duration duration) {
    clock.advance(duration);
    driver.advanceWallClockTime(duration);
  }

  private void healthy(String version, int n) {
    for (int i = 0; i < n; i++) {
      samples.pipeInput(MODEL, sample(UUID.randomUUID().toString(), version, 1000, 1, 80));
    }
  }

  private void failing(String version, int n) {
    for (int i = 0; i < n; i++) {
      samples.pipeInput(MODEL, sample(UUID.randomUUID().toString(), version, 100, 10, 400));
    }
  }

  /** Acknowledges every traffic command written so far, applied. */
  private void ackLast() {
    for (TrafficCommand command : traffic.readValuesToList()) {
      ack(command, true);
    }
  }

  private void ack(TrafficCommand command, boolean applied) {
    acks.pipeInput(MODEL, ackOf(command, applied));
  }

  private TrafficAck ackOf(TrafficCommand command, boolean applied) {
    Envelope e = command.getEnvelope();
    return new TrafficAck(envelope("adapter:test", e.getDeploymentId(), e.getModelVersion()), command.getCommandId(),
        applied, null, command.getWeights());
  }

  private String liveVersion() {
    return liveStore().get(StateKeys.live(MODEL, ENV)).version();
  }

  private List<String> rolloutPayloadTypes() {
    return rollouts.readValuesToList().stream().map(e -> e.getPayload().getClass().getSimpleName()).toList();
  }

  private DeploymentView state(String version) {
    KeyValueStore<String, DeploymentView> store = driver.getKeyValueStore(StoreNames.DEPLOYMENT_STATES);
    return store.get(StateKeys.modelVersion(MODEL, version, ENV));
  }

  private KeyValueStore<String, dev.tollgate.rollout.state.domain.LiveDeployment> liveStore() {
    return driver.getKeyValueStore(StoreNames.LIVE_VERSIONS);
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

  private static AnalysisStep analysis(int count, int failureLimit) {
    return AnalysisStep.newBuilder()
        .setThresholds(AnalysisThresholds.newBuilder().setMaxErrorRate(0.02).setMaxP99LatencyMs(250.0)
            .setMaxErrorRateIncreaseOverBaseline(null).setCustomMetricMax(Map.of()).setMinSampleCount(3).build())
        .setIntervalSeconds(10)
        .setCount(count)
        .setFailureLimit(failureLimit)
        .build();
  }

  private HealthSample sample(String eventId, String version, long requests, long errors, double p99) {
    Envelope envelope = Envelope.newBuilder(envelope("platform:test", null, version)).setEventId(eventId).build();
    return RolloutTopologyDriver.healthSample(envelope, clock.instant(), requests, errors, p99);
  }

  private Envelope envelope(String actor, String deploymentId, String version) {
    return RolloutTopologyDriver.envelope(clock.instant(), actor, deploymentId, MODEL, version, ENV);
  }

  private ApprovalEvent approved(String deploymentId, String version, Object... steps) {
    return new ApprovalEvent(envelope("system:approval-service", deploymentId, version),
        DeploymentApproved.newBuilder()
            .setArtifactDigest("sha256:" + "c".repeat(64))
            .setPolicyVersion("production-v1")
            .setApprovers(List.of("alice", "bob"))
            .setStrategy(new RolloutStrategy(StrategyKind.CANARY, List.of(steps)))
            .setProfile(new DeploymentProfile("ml.g5", "xlarge", 2, "eu-west-1", null))
            .build());
  }
}
