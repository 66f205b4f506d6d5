package dev.tollgate.rollout.topology;

import dev.tollgate.rollout.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.ApprovalGranted;
import dev.tollgate.events.ApprovalRequested;
import dev.tollgate.events.ArtifactSource;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.DeploymentState;
import dev.tollgate.events.DeploymentStatus;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.LiveVersion;
import dev.tollgate.events.PauseStep;
import dev.tollgate.events.RolloutAborted;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPromoted;
import dev.tollgate.events.RolloutStarted;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.StepCompleted;
import dev.tollgate.events.StepStarted;
import dev.tollgate.events.StrategyKind;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.events.ExperimentStep;
import dev.tollgate.rollout.analysis.SampleCounts;
import dev.tollgate.rollout.controller.RolloutRecords;
import dev.tollgate.rollout.deadletter.DeadLetterHandler;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.state.domain.VersionStatus;
import dev.tollgate.rollout.stores.StoreNames;
import dev.tollgate.rollout.strategy.RolloutSettings;
import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.topic.StateKeys;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutTopologyTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final String MODEL = "fraud-detector";
  private static final String DIGEST = "sha256:" + "c".repeat(64);

  @TempDir
  Path stateDir;

  private final MutableClock clock = new MutableClock(T0);
  private final AtomicLong ids = new AtomicLong();
  private final List<ProducerRecord<byte[], byte[]>> deadLetters = new CopyOnWriteArrayList<>();
  private Map<String, Object> serdeConfig;
  private TopologyTestDriver driver;
  private TestInputTopic<String, DeploymentRequestEvent> requests;
  private TestInputTopic<String, ApprovalEvent> approvals;
  private TestOutputTopic<String, RolloutEvent> rollouts;
  private TestOutputTopic<String, TrafficCommand> traffic;
  private TestOutputTopic<String, DeploymentState> states;
  private TestOutputTopic<String, LiveVersion> live;

  @BeforeEach
  void startDriver() {
    serdeConfig = RolloutTopologyDriver.mockRegistry("rollout-topology");
    RolloutTopologyConfig config = new RolloutTopologyConfig(serdeConfig, clock, Duration.ofMillis(250),
        RolloutSettings.withoutAcks(), () -> "id-" + ids.incrementAndGet(), new SampleCounts());
    driver = RolloutTopologyDriver.start(config, stateDir, T0, deadLetters::add);

    requests = input(Topics.DEPLOYMENT_REQUESTS);
    approvals = input(Topics.APPROVALS);
    rollouts = output(Topics.ROLLOUTS);
    traffic = output(Topics.TRAFFIC_COMMANDS);
    states = output(Topics.DEPLOYMENT_STATE);
    live = output(Topics.LIVE_VERSIONS);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void rollsACanaryOutStepByStepAndPromotesIt() {
    ApprovalEvent approval = deploymentApproved("d1", "1.4.0", "staging",
        new SetWeightStep(20), new PauseStep(1L), new SetWeightStep(100));
    requests.pipeInput(MODEL, deploymentRequested("d1", "1.4.0", "staging"), T0);
    approvals.pipeInput(MODEL, approvalRequested("d1", "1.4.0", "staging"), T0);
    approvals.pipeInput(MODEL, approvalGranted("d1", "1.4.0", "staging"), T0);
    approvals.pipeInput(MODEL, approval, T0);

    List<RolloutEvent> first = rollouts.readValuesToList();
    assertThat(payloads(first)).containsExactly(
        new RolloutStarted(strategy(new SetWeightStep(20), new PauseStep(1L), new SetWeightStep(100)), null, DIGEST),
        new StepStarted(0, "setWeight"), new StepCompleted(0, "setWeight"), new StepStarted(1, "pause"));
    for (RolloutEvent event : first) {
      Envelope envelope = event.getEnvelope();
      assertThat(envelope.getActor()).isEqualTo(RolloutRecords.ACTOR);
      assertThat(envelope.getCausationId()).isEqualTo(approval.getEnvelope().getEventId());
      assertThat(envelope.getDeploymentId()).isEqualTo("d1");
      assertThat(envelope.getModelVersion()).isEqualTo("1.4.0");
      assertThat(envelope.getEnvironment()).isEqualTo("staging");
      assertThat(envelope.getOccurredAt()).isEqualTo(T0);
    }
    assertThat(first).extracting(e -> e.getEnvelope().getEventId()).doesNotHaveDuplicates();
    TrafficCommand twenty = traffic.readValue();
    assertThat(twenty.getWeights()).containsExactly(new VersionWeight("1.4.0", 20));
    assertThat(twenty.getAckDeadline()).isEqualTo(T0.plusSeconds(30));
    assertThat(traffic.isEmpty()).isTrue();
    assertThat(stateStore().get(StateKeys.modelVersion(MODEL, "1.4.0", "staging")).status())
        .isEqualTo(VersionStatus.ROLLING_OUT);

    advance(Duration.ofMillis(750));
    assertThat(rollouts.isEmpty()).isTrue();

    advance(Duration.ofMillis(250));
    List<RolloutEvent> rest = rollouts.readValuesToList();
    assertThat(payloads(rest)).containsExactly(new StepCompleted(1, "pause"), new StepStarted(2, "setWeight"),
        new StepCompleted(2, "setWeight"), new RolloutPromoted(null));
    assertThat(rest).allSatisfy(e -> {
      assertThat(e.getEnvelope().getOccurredAt()).isEqualTo(T0.plusSeconds(1));
      assertThat(e.getEnvelope().getCausationId()).isEqualTo(approval.getEnvelope().getEventId());
    });
    assertThat(traffic.readValue().getWeights()).containsExactly(new VersionWeight("1.4.0", 100));

    String key = StateKeys.modelVersion(MODEL, "1.4.0", "staging");
    Map<String, DeploymentState> latest = states.readKeyValuesToMap();
    DeploymentState state = latest.get(key);
    assertThat(latest).containsOnlyKeys(key);
    assertThat(state.getStatus()).isEqualTo(DeploymentStatus.SUCCEEDED);
    assertThat(state.getCurrentStepIndex()).isEqualTo(3);
    assertThat(state.getStepCount()).isEqualTo(3);
    assertThat(state.getWeights()).containsExactly(new VersionWeight("1.4.0", 100));
    assertThat(state.getApprovers()).containsExactly("alice");
    assertThat(state.getPolicyVersion()).isEqualTo("staging-v1");
    assertThat(state.getStrategyKind()).isEqualTo(StrategyKind.CANARY);
    assertThat(state.getProfile().getInstanceType()).isEqualTo("ml.g5");
    assertThat(state.getRequestedAt()).isEqualTo(T0);
    assertThat(state.getStartedAt()).isEqualTo(T0);
    assertThat(state.getFinishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(state.getLastEventType()).isEqualTo("RolloutPromoted");
    assertThat(stateStore().get(key).status()).isEqualTo(VersionStatus.SUCCEEDED);

    LiveVersion liveVersion = live.readKeyValue().value;
    assertThat(liveVersion).isEqualTo(new LiveVersion(MODEL, "staging", "1.4.0", "d1", T0.plusSeconds(1)));
    assertThat(live.isEmpty()).isTrue();
    assertThat(liveStore().get(StateKeys.live(MODEL, "staging")))
        .isEqualTo(new LiveDeployment(MODEL, "staging", "1.4.0", "d1", T0.plusSeconds(1)));
  }

  @Test
  void theNextRolloutSplitsTrafficWithTheLiveVersion() {
    approvals.pipeInput(MODEL, deploymentApproved("d1", "1.4.0", "staging", new SetWeightStep(100)), T0);
    approvals.pipeInput(MODEL, deploymentApproved("d2", "1.5.0", "staging", new SetWeightStep(40)), T0);

    List<Object> second = payloads(rollouts.readValuesToList()).subList(4, 8);
    assertThat(second.get(0)).isEqualTo(new RolloutStarted(strategy(new SetWeightStep(40)), "1.4.0", DIGEST));
    assertThat(second.get(3)).isEqualTo(new RolloutPromoted("1.4.0"));
    assertThat(traffic.readValuesToList()).extracting(TrafficCommand::getWeights).containsExactly(
        List.of(new VersionWeight("1.4.0", 100)),
        List.of(new VersionWeight("1.5.0", 40), new VersionWeight("1.4.0", 60)),
        List.of(new VersionWeight("1.5.0", 100), new VersionWeight("1.4.0", 0)));
    assertThat(liveStore().get(StateKeys.live(MODEL, "staging")).version()).isEqualTo("1.5.0");
  }

  @Test
  void aRedeliveredApprovalCausesNothing() {
    ApprovalEvent approval = deploymentApproved("d1", "1.4.0", "staging", new SetWeightStep(20), new PauseStep(60L));
    approvals.pipeInput(MODEL, approval, T0);
    rollouts.readValuesToList();
    traffic.readValuesToList();
    states.readValuesToList();

    approvals.pipeInput(MODEL, approval, T0);

    assertThat(rollouts.isEmpty()).isTrue();
    assertThat(traffic.isEmpty()).isTrue();
    assertThat(states.isEmpty()).isTrue();
    assertThat(live.isEmpty()).isTrue();
  }

  @Test
  void anInvalidStrategyAbortsTheRolloutBeforeTrafficMoves() {
    approvals.pipeInput(MODEL, deploymentApproved("d1", "1.4.0", "staging",
        new SetWeightStep(20), new ExperimentStep(150, 600L, "p99_latency_ms", 0.05, false), new SetWeightStep(100)), T0);

    assertThat(payloads(rollouts.readValuesToList())).singleElement()
        .isInstanceOfSatisfying(RolloutAborted.class, aborted -> assertThat(aborted.getReason())
            .startsWith("invalid strategy: step 1 (experiment): "));
    assertThat(traffic.isEmpty()).isTrue();
    DeploymentView state = stateStore().get(StateKeys.modelVersion(MODEL, "1.4.0", "staging"));
    assertThat(state.status()).isEqualTo(VersionStatus.ABORTED);
    assertThat(state.lastEventType()).isEqualTo("RolloutAborted");
    assertThat(live.isEmpty()).isTrue();
  }

  @Test
  void aSecondApprovalForTheSameModelAndEnvironmentIsRefusedWhileOneIsActive() {
    approvals.pipeInput(MODEL, deploymentApproved("d1", "1.4.0", "staging", new SetWeightStep(20), new PauseStep(60L)), T0);
    rollouts.readValuesToList();
    traffic.readValuesToList();

    approvals.pipeInput(MODEL, deploymentApproved("d2", "1.5.0", "staging", new SetWeightStep(100)), T0);
    approvals.pipeInput(MODEL, deploymentApproved("d3", "1.5.0", "production", new SetWeightStep(100)), T0);

    List<RolloutEvent> events = rollouts.readValuesToList();
    assertThat(events.get(0).getEnvelope().getDeploymentId()).isEqualTo("d2");
    assertThat(events.get(0).getPayload()).isEqualTo(new RolloutAborted(
        "refused: deployment d1 (version 1.4.0) is still rolling out fraud-detector in staging; "
            + "only one rollout per model and environment may be active"));
    assertThat(events.subList(1, events.size())).allSatisfy(
        e -> assertThat(e.getEnvelope().getDeploymentId()).isEqualTo("d3"));
    assertThat(events).last().extracting(RolloutEvent::getPayload).isEqualTo(new RolloutPromoted(null));
    assertThat(stateStore().get(StateKeys.modelVersion(MODEL, "1.4.0", "staging")).status())
        .isEqualTo(VersionStatus.ROLLING_OUT);
    assertThat(stateStore().get(StateKeys.modelVersion(MODEL, "1.5.0", "staging")).status())
        .isEqualTo(VersionStatus.ABORTED);
    assertThat(stateStore().get(StateKeys.modelVersion(MODEL, "1.5.0", "production")).status())
        .isEqualTo(VersionStatus.SUCCEEDED);
  }

  @Test
  void unreadableRecordsGoToTheDeadLetterTopicAndProcessingGoesOn() {
    TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.APPROVALS.name(), new StringSerializer(),
        new ByteArraySerializer());
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

    raw.pipeInput(MODEL, garbage, T0);
    approvals.pipeInput(MODEL, deploymentApproved("d1", "1.4.0", "staging", new SetWeightStep(100)), T0);

    assertThat(deadLetters).hasSize(1);
    ProducerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
    assertThat(deadLetter.topic()).isEqualTo(Topics.ROLLOUT_SERVICE_DEAD_LETTERS.name());
    assertThat(deadLetter.value()).isEqualTo(garbage);
    assertThat(new String(deadLetter.key(), StandardCharsets.UTF_8)).isEqualTo(MODEL);
    assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.REASON)).isEqualTo("wrong-magic-byte");
    assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.APPROVALS.name());
    assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.SOURCE_PARTITION)).isEqualTo("0");
    assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("0");
    assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.CONSUMER)).isEqualTo(DeadLetterHandler.CONSUMER);
    assertThat(payloads(rollouts.readValuesToList())).last().isEqualTo(new RolloutPromoted(null));
  }

  // --- helpers -------------------------------------------------------------------------------

  private void advance(Duration duration) {
    clock.advance(duration);
    driver.advanceWallClockTime(duration);
  }

  private KeyValueStore<String, DeploymentView> stateStore() {
    return driver.getKeyValueStore(StoreNames.DEPLOYMENT_STATES);
  }

  private KeyValueStore<String, LiveDeployment> liveStore() {
    return driver.getKeyValueStore(StoreNames.LIVE_VERSIONS);
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return RolloutTopologyDriver.input(driver, topic, serdeConfig);
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return RolloutTopologyDriver.output(driver, topic, serdeConfig);
  }

  private static List<Object> payloads(List<RolloutEvent> events) {
    List<Object> payloads = new ArrayList<>();
    events.forEach(e -> payloads.add(e.getPayload()));
    return payloads;
  }

  private static RolloutStrategy strategy(Object... steps) {
    return new RolloutStrategy(StrategyKind.CANARY, List.of(steps));
  }

  private static DeploymentProfile profile() {
    return new DeploymentProfile("ml.g5", "xlarge", 2, "eu-west-1", "weekdays 09:00-17:00 Europe/Berlin");
  }

  private static Envelope envelope(String actor, String deploymentId, String version, String environment) {
    return RolloutTopologyDriver.envelope(T0, actor, deploymentId, MODEL, version, environment);
  }

  private static DeploymentRequestEvent deploymentRequested(String deploymentId, String version, String environment) {
    return new DeploymentRequestEvent(envelope("ci:pipeline", deploymentId, version, environment),
        DeploymentRequested.newBuilder()
            .setArtifactDigest(DIGEST)
            .setSource(new ArtifactSource("9f2c1e7", "dave", "https://ci.example/run/42"))
            .setStrategy(strategy(new SetWeightStep(20), new PauseStep(1L), new SetWeightStep(100)))
            .setProfile(profile())
            .setIdempotencyKey(null)
            .build());
  }

  private static ApprovalEvent approvalRequested(String deploymentId, String version, String environment) {
    return new ApprovalEvent(envelope("system:approval-service", deploymentId, version, environment),
        ApprovalRequested.newBuilder()
            .setArtifactDigest(DIGEST)
            .setPolicyVersion("staging-v1")
            .setStrategy(strategy(new SetWeightStep(20), new PauseStep(1L), new SetWeightStep(100)))
            .setProfile(profile())
            .setRequestedBy("ci:pipeline")
            .setExpiresAt(null)
            .build());
  }

  private static ApprovalEvent approvalGranted(String deploymentId, String version, String environment) {
    return new ApprovalEvent(envelope("alice", deploymentId, version, environment),
        ApprovalGranted.newBuilder()
            .setApprover("alice")
            .setRoles(List.of("approver"))
            .setArtifactDigest(DIGEST)
            .setPolicyVersion("staging-v1")
            .build());
  }

  private static ApprovalEvent deploymentApproved(String deploymentId, String version, String environment,
      Object... steps) {
    return new ApprovalEvent(envelope("system:approval-service", deploymentId, version, environment),
        DeploymentApproved.newBuilder()
            .setArtifactDigest(DIGEST)
            .setPolicyVersion("staging-v1")
            .setApprovers(List.of("alice"))
            .setStrategy(strategy(steps))
            .setProfile(profile())
            .build());
  }
}
