package dev.tollgate.rollout.topology;

import dev.tollgate.rollout.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.GateApproved;
import dev.tollgate.events.GateRejected;
import dev.tollgate.events.GateRequested;
import dev.tollgate.events.GateStep;
import dev.tollgate.events.OperatorCommand;
import dev.tollgate.events.PauseRequested;
import dev.tollgate.events.PauseStep;
import dev.tollgate.events.ResumeRequested;
import dev.tollgate.events.RollbackCompleted;
import dev.tollgate.events.RollbackTrigger;
import dev.tollgate.events.RollbackTriggered;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPaused;
import dev.tollgate.events.RolloutPromoted;
import dev.tollgate.events.RolloutResumed;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.StepCompleted;
import dev.tollgate.events.StepStarted;
import dev.tollgate.events.StrategyKind;
import dev.tollgate.rollout.analysis.SampleCounts;
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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gate decisions and operator pause / resume through the real topology and the state it materializes. */
class GateTopologyTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final String MODEL = "fraud-detector";

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
    serdeConfig = RolloutTopologyDriver.mockRegistry("gate-topology");
    RolloutTopologyConfig config = new RolloutTopologyConfig(serdeConfig, clock, Duration.ofMillis(250),
        RolloutSettings.withoutAcks(), () -> "id-" + ids.incrementAndGet(), new SampleCounts());
    driver = RolloutTopologyDriver.start(config, stateDir, T0, record -> { });
    approvals = input(Topics.APPROVALS);
    commands = input(Topics.ROLLOUT_COMMANDS);
    rollouts = RolloutTopologyDriver.output(driver, Topics.ROLLOUTS, serdeConfig);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void theRolloutWaitsAtTheGateVisiblyAndAnApprovalPromotesIt() {
    approvals.pipeInput(MODEL, approved("d1", new SetWeightStep(10), new GateStep("widen"), new SetWeightStep(100)));

    assertThat(payloads()).endsWith(new StepCompleted(0, "setWeight"), new StepStarted(1, "gate"),
        new GateRequested("widen", 1, 10));
    DeploymentView waiting = state();
    assertThat(waiting.status()).isEqualTo(VersionStatus.PAUSED);
    assertThat(waiting.currentStepIndex()).isEqualTo(1);
    assertThat(waiting.lastVerdict()).isEqualTo("awaiting gate widen (step 1)");

    ApprovalEvent decision = gateApproved("d1", "widen", 1);
    approvals.pipeInput(MODEL, decision);

    assertThat(payloads()).containsExactly(new StepCompleted(1, "gate"), new RolloutResumed(1),
        new StepStarted(2, "setWeight"), new StepCompleted(2, "setWeight"), new RolloutPromoted(null));
    DeploymentView done = state();
    assertThat(done.status()).isEqualTo(VersionStatus.SUCCEEDED);
    assertThat(done.lastVerdict()).isEqualTo("gate widen (step 1) approved by alice");

    approvals.pipeInput(MODEL, decision);
    approvals.pipeInput(MODEL, gateApproved("d1", "widen", 1));
    assertThat(rollouts.isEmpty()).as("a redelivered or late decision is a no-op").isTrue();
  }

  @Test
  void aRejectedGateRollsBackWithTheRejecterAndReason() {
    approvals.pipeInput(MODEL, approved("d1", new SetWeightStep(10), new GateStep("widen"), new SetWeightStep(100)));
    rollouts.readValuesToList();

    approvals.pipeInput(MODEL, new ApprovalEvent(envelope("bob", "d1"),
        new GateRejected("widen", 1, "bob", "error budget spent", List.of("approver"), List.of())));

    List<Object> events = payloads();
    RollbackTriggered rollback = (RollbackTriggered) events.get(0);
    assertThat(rollback.getTrigger()).isEqualTo(RollbackTrigger.MANUAL_ABORT);
    assertThat(rollback.getReason()).isEqualTo("gate widen at step 1 rejected by bob: error budget spent");
    assertThat(events).last().isInstanceOf(RollbackCompleted.class);
    assertThat(state().status()).isEqualTo(VersionStatus.ROLLED_BACK);
    assertThat(state().lastVerdict()).isEqualTo("gate widen (step 1) rejected by bob: error budget spent");
  }

  @Test
  void anOperatorPausesAndResumesARunningCanary() {
    approvals.pipeInput(MODEL, approved("d1", new SetWeightStep(10), new PauseStep(60L), new SetWeightStep(100)));
    rollouts.readValuesToList();

    commands.pipeInput(MODEL, new OperatorCommand(envelope("olivia", "d1"), new PauseRequested("looking")));
    assertThat(payloads()).containsExactly(new RolloutPaused(1, "paused by olivia: looking"));
    assertThat(state().status()).isEqualTo(VersionStatus.PAUSED);

    tick(Duration.ofSeconds(90));
    assertThat(rollouts.isEmpty()).as("the timed pause does not end while paused").isTrue();

    commands.pipeInput(MODEL, new OperatorCommand(envelope("olivia", "d1"), new ResumeRequested()));
    assertThat(payloads()).containsExactly(new RolloutResumed(1));
    assertThat(state().status()).isEqualTo(VersionStatus.ROLLING_OUT);

    tick(Duration.ofSeconds(60));
    assertThat(payloads()).contains(new StepCompleted(1, "pause"), new RolloutPromoted(null));
    assertThat(state().status()).isEqualTo(VersionStatus.SUCCEEDED);
  }

  private void tick(Duration duration) {
    clock.advance(duration);
    driver.advanceWallClockTime(duration);
  }

  private List<Object> payloads() {
    return rollouts.readValuesToList().stream().map(e -> (Object) e.getPayload()).toList();
  }

  private DeploymentView state() {
    return driver.<String, DeploymentView>getKeyValueStore(StoreNames.DEPLOYMENT_STATES)
        .get(StateKeys.modelVersion(MODEL, "1.4.0", "staging"));
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return RolloutTopologyDriver.input(driver, topic, serdeConfig);
  }

  private Envelope envelope(String actor, String deploymentId) {
    return RolloutTopologyDriver.envelope(clock.instant(), actor, deploymentId, MODEL, "1.4.0", "staging");
  }

  private ApprovalEvent approved(String deploymentId, Object... steps) {
    return new ApprovalEvent(envelope("system:approval-service", deploymentId),
        DeploymentApproved.newBuilder()
            .setArtifactDigest("sha256:" + "c".repeat(64))
            .setPolicyVersion("staging-v1")
            .setApprovers(List.of("alice"))
            .setStrategy(new RolloutStrategy(StrategyKind.CANARY, List.of(steps)))
            .setProfile(new DeploymentProfile("ml.g5", "xlarge", 2, "eu-west-1", "weekdays"))
            .build());
  }

  private ApprovalEvent gateApproved(String deploymentId, String gate, int stepIndex) {
    return new ApprovalEvent(envelope("system:approval-service", deploymentId),
        new GateApproved(gate, stepIndex, List.of("alice"), "staging-v1", List.of("approver"), List.of()));
  }
}
