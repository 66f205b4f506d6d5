package dev.tollgate.rollout.strategy;

import dev.tollgate.rollout.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.analysis.HealthStats;
import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.Measurement;
import dev.tollgate.rollout.analysis.Sample;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.AnalysisFailed;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.AnalysisPassed;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.RollbackCompleted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.RollbackTriggered;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.TrafficShifted;
import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.StrategyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Analysis steps, bake checks, acknowledgements and rollbacks of the controller, acks required. */
class RolloutControllerHealthTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final Duration ACK = Duration.ofSeconds(30);
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final MutableClock clock = new MutableClock(T0);
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger samples = new AtomicInteger();
  private final RolloutController controller =
      new RolloutController(clock, new RolloutSettings(ACK, true, 2), () -> "cmd-" + ids.incrementAndGet());


  private static Step.Analysis analysis(int count, int failureLimit) {
    return new Step.Analysis(new Step.Thresholds(0.05, 250.0, null, Map.of(), 2), INTERVAL, count, failureLimit);
  }

  private static ApprovedDeployment approved(String id, String version, Step... steps) {
    return new ApprovedDeployment("approval-" + id, new DeploymentRef(id, "fraud-detector", version, "staging"),
        "sha256:" + "a".repeat(64), "staging-v1", List.of("alice"), StrategyKind.CANARY, List.of(steps));
  }

  private Transition ack(RolloutLane lane) {
    return controller.onAck(lane,
        new TrafficAcknowledgement("ack-" + ids.incrementAndGet(), lane.current().lastTrafficCommandId(), true, null));
  }

  /** Promotes {@code version} with a single setWeight 100 and its acks. */
  private RolloutLane promoted(RolloutLane lane, String id, String version) {
    RolloutLane started = controller.start(lane, approved(id, version, new Step.SetWeight(100))).lane();
    RolloutLane done = ack(started).lane();
    assertThat(done.current().phase()).isEqualTo(RolloutPhase.PROMOTED);
    return done;
  }

  /** The lane's current window holding {@code n} samples of the candidate with these numbers. */
  private LaneHealth window(RolloutLane lane, int n, long requests, long errors, double p99) {
    RolloutState s = lane.current();
    LaneHealth health = LaneHealth.open(s.deployment().deploymentId(), s.windowStart(), s.deployment().version(),
        s.baselineVersion());
    for (int i = 0; i < n; i++) {
      health = health.admit(new Sample("sample-" + samples.incrementAndGet(), "fraud-detector",
          s.deployment().version(), "staging", clock.instant(), requests, errors, p99, Map.of())).health();
    }
    return health;
  }

  private Transition tick(RolloutLane lane, Duration after, LaneHealth health) {
    clock.advance(after);
    return controller.onTimer(lane, health, clock.instant());
  }

  @Test
  void aSetWeightStepCompletesOnlyOnceItsCommandIsAcknowledged() {
    Transition started = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        approved("d1", "1.0.0", new Step.SetWeight(20), new Step.SetWeight(100)));

    assertThat(started.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Started", "StepStarted", "TrafficShifted");
    assertThat(started.lane().current().ackDeadline()).isEqualTo(T0.plus(ACK));
    assertThat(started.lane().current().status().message()).contains("waiting until " + T0.plus(ACK), "cmd-1");

    Transition stale = controller.onAck(started.lane(), new TrafficAcknowledgement("ack-x", "cmd-0", true, null));
    assertThat(stale.events()).isEmpty();
    Transition acked = controller.onAck(stale.lane(), new TrafficAcknowledgement("ack-1", "cmd-1", true, null));
    assertThat(acked.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("StepCompleted", "StepStarted", "TrafficShifted");
    assertThat(controller.onAck(acked.lane(), new TrafficAcknowledgement("ack-1", "cmd-1", true, null)).changed())
        .as("a redelivered ack").isFalse();

    Transition last = controller.onAck(acked.lane(), new TrafficAcknowledgement("ack-2", "cmd-2", true, null));
    assertThat(last.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("StepCompleted", "Promoted");
  }

  @Test
  void anAnalysisStepPassesAfterCountHealthyMeasurementsThenPromotes() {
    RolloutLane lane = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        approved("d1", "1.0.0", new Step.SetWeight(50), analysis(2, 0))).lane();
    lane = ack(lane).lane();
    assertThat(lane.current().analysis().nextMeasurementAt()).isEqualTo(T0.plus(INTERVAL));

    assertThat(tick(lane, Duration.ofSeconds(5), window(lane, 3, 100, 1, 100)).changed()).isFalse();
    Transition first = tick(lane, Duration.ofSeconds(5), window(lane, 3, 100, 1, 100));
    assertThat(first.events()).isEmpty();
    assertThat(first.lane().current().analysis().passed()).isEqualTo(1);
    assertThat(first.lane().current().windowStart()).as("a fresh window per measurement").isEqualTo(clock.instant());

    Transition second = tick(first.lane(), INTERVAL, window(first.lane(), 4, 100, 2, 120));

    assertThat(second.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("AnalysisPassed", "StepCompleted", "TrafficShifted");
    AnalysisPassed passed = (AnalysisPassed) second.events().get(0);
    assertThat(passed.stepIndex()).isEqualTo(1);
    assertThat(passed.last().candidate()).isEqualTo(new HealthStats("1.0.0", 4, 400, 8, 120.0, Map.of()));
    assertThat(passed.summary()).startsWith("analysis at step 1 passed 2 of 2 measurements; last passed: "
        + "error rate 0.0200 <= max 0.0500; p99 120.0 ms <= max 250.0 ms");
    assertThat(ack(second.lane()).events()).extracting(e -> e.getClass().getSimpleName()).containsExactly("Promoted");
  }

  @Test
  void aFailedAnalysisRollsBackToTheLastVersionThatCompletedARolloutNotThePreviousDeployment() {
    RolloutLane lane = promoted(RolloutLane.empty("fraud-detector", "staging"), "d1", "1.0.0");
    lane = promoted(lane, "d2", "2.0.0");
    // 3.0.0 is rolled back by an operator: it never becomes known-good
    lane = controller.start(lane, approved("d3", "3.0.0", new Step.SetWeight(10), analysis(3, 1))).lane();
    lane = controller.rollback(lane, "op-1", "d3", RollbackTrigger.MANUAL_ABORT, "no").lane();
    lane = ack(lane).lane();
    assertThat(lane.current().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);

    lane = controller.start(lane, approved("d4", "4.0.0", new Step.SetWeight(10), analysis(3, 1))).lane();
    lane = ack(lane).lane();
    Transition inconclusive = tick(lane, INTERVAL, window(lane, 1, 100, 0, 10));
    assertThat(inconclusive.events()).isEmpty();
    assertThat(inconclusive.lane().current().analysis().consecutiveFailures()).isEqualTo(1);
    lane = inconclusive.lane();

    Transition failed = tick(lane, INTERVAL, window(lane, 5, 100, 9, 300));

    AnalysisFailed verdict = (AnalysisFailed) failed.events().get(0);
    assertThat(verdict.last().outcome()).isEqualTo(Measurement.Outcome.FAILED);
    assertThat(verdict.last().candidate()).isEqualTo(new HealthStats("4.0.0", 5, 500, 45, 300.0, Map.of()));
    assertThat(verdict.last().baseline().version()).isEqualTo("2.0.0");
    assertThat(verdict.summary()).startsWith("analysis at step 1 failed: 2 consecutive failed or inconclusive "
        + "measurements (limit 1); last failed: error rate 0.0900 > max 0.0500; p99 300.0 ms > max 250.0 ms");
    RollbackTriggered rollback = (RollbackTriggered) failed.events().get(1);
    assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.ANALYSIS_FAILED);
    assertThat(rollback.rollbackToVersion()).as("last known-good, not the previous deployment 3.0.0").isEqualTo("2.0.0");
    assertThat(rollback.stepIndex()).isEqualTo(1);
    assertThat(rollback.evidence()).isEqualTo(verdict.last().candidate());
    assertThat(rollback.reason()).isEqualTo(verdict.summary());
    TrafficShifted restore = (TrafficShifted) failed.events().get(2);
    assertThat(restore.weights()).containsExactly(new TrafficWeight("4.0.0", 0), new TrafficWeight("2.0.0", 100));
    assertThat(failed.events()).hasSize(3);
    assertThat(failed.lane().current().phase()).isEqualTo(RolloutPhase.ROLLING_BACK);
    assertThat(failed.lane().hasActiveRollout()).isTrue();

    Transition completed = ack(failed.lane());
    assertThat(completed.events()).containsExactly(new RollbackCompleted(restore.deployment(), "2.0.0"));
    assertThat(completed.lane().current().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(completed.lane().liveVersion()).isEqualTo("2.0.0");
  }

  @Test
  void aBreachWhileBakingRollsBackWithTheNumbers() {
    RolloutLane lane = promoted(RolloutLane.empty("fraud-detector", "staging"), "d1", "1.0.0");
    lane = controller.start(lane, approved("d2", "2.0.0", new Step.SetWeight(20),
        Step.Pause.of(Duration.ofMinutes(5)), analysis(1, 0))).lane();
    lane = ack(lane).lane();

    assertThat(controller.timerDue(lane, clock.instant())).as("baking is judged every tick").isTrue();
    assertThat(tick(lane, Duration.ofSeconds(1), window(lane, 1, 100, 50, 10)).changed())
        .as("too few samples: inconclusive, no breach").isFalse();
    assertThat(tick(lane, Duration.ofSeconds(1), window(lane, 3, 100, 1, 10)).changed()).isFalse();
    Transition breach = tick(lane, Duration.ofSeconds(1), window(lane, 3, 100, 1, 900));

    RollbackTriggered rollback = (RollbackTriggered) breach.events().get(0);
    assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.METRIC_BREACH);
    assertThat(rollback.reason()).startsWith("health breached the strategy's analysis thresholds during step 1 "
        + "(pause): failed: error rate 0.0100 <= max 0.0500; p99 900.0 ms > max 250.0 ms");
    assertThat(rollback.evidence().p99LatencyMs()).isEqualTo(900.0);
    assertThat(rollback.rollbackToVersion()).isEqualTo("1.0.0");
  }

  @Test
  void aMissedAckDeadlineRollsBackAndWithoutAKnownGoodVersionTrafficIsWithdrawn() {
    RolloutLane lane = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        approved("d1", "1.0.0", new Step.SetWeight(20), new Step.SetWeight(100))).lane();

    assertThat(tick(lane, ACK.minusMillis(1), null).changed()).isFalse();
    Transition missed = tick(lane, Duration.ofMillis(1), null);

    assertThat(missed.events()).hasSize(2);
    RollbackTriggered rollback = (RollbackTriggered) missed.events().get(0);
    assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.TRAFFIC_NOT_ACKNOWLEDGED);
    assertThat(rollback.reason()).isEqualTo("traffic command cmd-1 was not acknowledged by its deadline " + T0.plus(ACK));
    assertThat(rollback.rollbackToVersion()).isNull();
    assertThat(((TrafficShifted) missed.events().get(1)).weights()).containsExactly(new TrafficWeight("1.0.0", 0));
    assertThat(missed.lane().current().status().message())
        .startsWith("rolling back (traffic withdrawn (no known-good version), awaiting acknowledgement)");
  }

  @Test
  void aRefusedTrafficCommandRollsBackAndARestoreNeverAppliedGivesUpAfterTheAttempts() {
    RolloutLane lane = promoted(RolloutLane.empty("fraud-detector", "staging"), "d1", "1.0.0");
    lane = controller.start(lane, approved("d2", "2.0.0", new Step.SetWeight(20))).lane();

    Transition refused = controller.onAck(lane,
        new TrafficAcknowledgement("ack-r", lane.current().lastTrafficCommandId(), false, "quota exceeded"));
    RollbackTriggered rollback = (RollbackTriggered) refused.events().get(0);
    assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.TRAFFIC_FAILED);
    assertThat(rollback.reason()).isEqualTo(
        "the serving platform could not apply traffic command cmd-3: quota exceeded");

    Transition retried = tick(refused.lane(), ACK, null);
    assertThat(retried.events()).singleElement().isInstanceOf(TrafficShifted.class);
    Transition gaveUp = tick(retried.lane(), ACK, null);
    assertThat(gaveUp.events()).singleElement().isEqualTo(new RolloutDomainEvent.Aborted(rollback.deployment(),
        "rollback gave up: the restore of 100% to 1.0.0 was not applied after 2 attempts; "
            + "the serving platform needs a person"));
    assertThat(gaveUp.lane().current().phase()).isEqualTo(RolloutPhase.ABORTED);
  }
}
