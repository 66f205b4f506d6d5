package dev.tollgate.rollout.topology;

import dev.tollgate.rollout.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.events.AbortRequested;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.OperatorCommand;
import dev.tollgate.events.PauseStep;
import dev.tollgate.events.RollbackCompleted;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.StrategyKind;
import dev.tollgate.rollout.analysis.SampleCounts;
import dev.tollgate.rollout.state.domain.LiveDeployment;
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
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "What was live when": the deployment-state processor keeps every live version per model and
 * environment in a versioned store, valid from its promotion until the next one. Driven through the
 * real controller: three promotions and a rolled-back canary in between.
 */
class LiveHistoryTopologyTest {

  private static final Instant T0 = Instant.parse("2025-06-02T08:00:00Z");
  private static final String MODEL = "fraud-detector";
  private static final String DIGEST = "sha256:" + "d".repeat(64);

  @TempDir
  Path stateDir;

  private final MutableClock clock = new MutableClock(T0);
  private final AtomicLong ids = new AtomicLong();
  private Map<String, Object> serdeConfig;
  private TopologyTestDriver driver;
  private TestInputTopic<String, ApprovalEvent> approvals;
  private TestInputTopic<String, OperatorCommand> commands;
  private TestOutputTopic<String, RolloutEvent> rollouts;

  @BeforeEach
  void startDriver() {
    serdeConfig = RolloutTopologyDriver.mockRegistry("live-history");
    RolloutTopologyConfig config = new RolloutTopologyConfig(serdeConfig, clock, Duration.ofMillis(250),
        RolloutSettings.withoutAcks(), () -> "id-" + ids.incrementAndGet(), new SampleCounts(), Duration.ofDays(30));
    driver = RolloutTopologyDriver.start(config, stateDir, T0, record -> { });
    approvals = RolloutTopologyDriver.input(driver, Topics.APPROVALS, serdeConfig);
    commands = RolloutTopologyDriver.input(driver, Topics.ROLLOUT_COMMANDS, serdeConfig);
    rollouts = output(Topics.ROLLOUTS);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void answersWhatWasLiveAtInstantsBetweenPromotionsAndARollback() {
    Instant t1 = T0.plusSeconds(60);
    Instant t2 = t1.plus(Duration.ofHours(2));
    Instant canaryStart = t2.plus(Duration.ofHours(1));
    Instant rolledBack = canaryStart.plus(Duration.ofMinutes(5));
    Instant t4 = rolledBack.plus(Duration.ofDays(1));

    at(t1, () -> approvals.pipeInput(MODEL, approved("d1", "1.0.0", new SetWeightStep(100))));
    at(t2, () -> approvals.pipeInput(MODEL, approved("d2", "1.1.0", new SetWeightStep(100))));
    at(canaryStart, () -> approvals.pipeInput(MODEL,
        approved("d3", "1.2.0", new SetWeightStep(20), new PauseStep(3600L), new SetWeightStep(100))));
    at(rolledBack, () -> commands.pipeInput(MODEL,
        new OperatorCommand(envelope("olivia", "d3", "1.2.0"), new AbortRequested("p99 is climbing"))));
    assertThat(rollouts.readValuesToList()).extracting(RolloutEvent::getPayload)
        .as("the canary of 1.2.0 was rolled back, never promoted")
        .anySatisfy(p -> assertThat(p).isInstanceOf(RollbackCompleted.class));
    at(t4, () -> approvals.pipeInput(MODEL, approved("d4", "1.3.0", new SetWeightStep(100))));

    LiveDeployment v1 = new LiveDeployment(MODEL, "staging", "1.0.0", "d1", t1);
    LiveDeployment v2 = new LiveDeployment(MODEL, "staging", "1.1.0", "d2", t2);
    LiveDeployment v4 = new LiveDeployment(MODEL, "staging", "1.3.0", "d4", t4);
    assertThat(liveAt(T0)).as("before the first promotion nothing was live").isNull();
    assertThat(liveAt(t1.minusMillis(1))).isNull();
    assertThat(liveAt(t1)).isEqualTo(new VersionedRecord<>(v1, t1.toEpochMilli()));
    assertThat(liveAt(t1.plus(Duration.ofHours(1)))).extracting(VersionedRecord::value).isEqualTo(v1);
    assertThat(liveAt(t2)).isEqualTo(new VersionedRecord<>(v2, t2.toEpochMilli()));
    assertThat(liveAt(canaryStart.plusSeconds(30))).as("while 1.2.0 was a canary, 1.1.0 stayed live")
        .extracting(VersionedRecord::value).isEqualTo(v2);
    assertThat(liveAt(rolledBack.plusSeconds(1))).as("the rollback kept 1.1.0 live")
        .extracting(VersionedRecord::value).isEqualTo(v2);
    assertThat(liveAt(t4.minusMillis(1))).extracting(VersionedRecord::value).isEqualTo(v2);
    assertThat(liveAt(t4)).isEqualTo(new VersionedRecord<>(v4, t4.toEpochMilli()));
    assertThat(liveAt(t4.plus(Duration.ofDays(3)))).extracting(VersionedRecord::value).isEqualTo(v4);
    assertThat(history().get(StateKeys.live(MODEL, "production"), t4.toEpochMilli()))
        .as("each environment has its own history").isNull();
  }

  @Test
  void keepsHistoryPerEnvironmentAndDoesNotRewriteItWhenAPromotionIsRedelivered() {
    ApprovalEvent staging = approved("d1", "1.0.0", new SetWeightStep(100));
    at(T0.plusSeconds(10), () -> approvals.pipeInput(MODEL, staging));
    at(T0.plusSeconds(20), () -> approvals.pipeInput(MODEL,
        approved("d2", "1.0.0", "production", new SetWeightStep(100))));
    at(T0.plusSeconds(30), () -> approvals.pipeInput(MODEL, staging));

    assertThat(liveAt(T0.plusSeconds(40))).isEqualTo(new VersionedRecord<>(
        new LiveDeployment(MODEL, "staging", "1.0.0", "d1", T0.plusSeconds(10)), T0.plusSeconds(10).toEpochMilli()));
    assertThat(history().get(StateKeys.live(MODEL, "production"), T0.plusSeconds(40).toEpochMilli()).value())
        .isEqualTo(new LiveDeployment(MODEL, "production", "1.0.0", "d2", T0.plusSeconds(20)));
    assertThat(history().get(StateKeys.live(MODEL, "production"), T0.plusSeconds(19).toEpochMilli())).isNull();
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Runs {@code input} with the clock (and the driver's wall clock) moved to {@code instant}. */
  private void at(Instant instant, Runnable input) {
    Duration step = Duration.between(clock.instant(), instant);
    clock.advance(step);
    driver.advanceWallClockTime(step);
    input.run();
  }

  private VersionedRecord<LiveDeployment> liveAt(Instant instant) {
    return history().get(StateKeys.live(MODEL, "staging"), instant.toEpochMilli());
  }

  private VersionedKeyValueStore<String, LiveDeployment> history() {
    return driver.getVersionedKeyValueStore(StoreNames.LIVE_HISTORY);
  }

  private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
    return RolloutTopologyDriver.output(driver, topic, serdeConfig);
  }

  private ApprovalEvent approved(String deploymentId, String version, Object... steps) {
    return approved(deploymentId, version, "staging", steps);
  }

  private ApprovalEvent approved(String deploymentId, String version, String environment, Object... steps) {
    Envelope envelope = envelope("system:approval-service", deploymentId, version);
    envelope.setEnvironment(environment);
    return new ApprovalEvent(envelope, DeploymentApproved.newBuilder()
        .setArtifactDigest(DIGEST)
        .setPolicyVersion("staging-v1")
        .setApprovers(List.of("alice"))
        .setStrategy(new RolloutStrategy(StrategyKind.CANARY, List.of(steps)))
        .setProfile(new DeploymentProfile("ml.g5", "xlarge", 2, "eu-west-1", null))
        .build());
  }

  private Envelope envelope(String actor, String deploymentId, String version) {
    return RolloutTopologyDriver.envelope(clock.instant(), actor, deploymentId, MODEL, version, "staging");
  }
}
