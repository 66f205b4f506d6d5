package dev.tollgate.rollout.strategy;

import dev.tollgate.rollout.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.Sample;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.GateRequested;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.Promoted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.Resumed;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.RollbackTriggered;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.StepCompleted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.StepStarted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.TrafficShifted;
import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.StrategyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Gate steps and step deadlines of the controller (acks off, so traffic shifts complete at once). */
class GateStepsTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final Duration STEP_DEADLINE = Duration.ofMinutes(30);
  private static final Duration GATE_DEADLINE = Duration.ofHours(4);

  private final MutableClock clock = new MutableClock(T0);
  private final AtomicInteger ids = new AtomicInteger();
  private final RolloutController controller = new RolloutController(clock,
      new RolloutSettings(Duration.ofSeconds(30), false, 3, STEP_DEADLINE, GATE_DEADLINE),
      () -> "cmd-" + ids.incrementAndGet());
  private final DeploymentRef d1 = new DeploymentRef("d1", "fraud-detector", "1.4.0", "staging");

  private static ApprovedDeployment approved(Step... steps) {
    return new ApprovedDeployment("approval-1", new DeploymentRef("d1", "fraud-detector", "1.4.0", "staging"),
        "sha256:" + "a".repeat(64), "staging-v1", List.of("alice"), StrategyKind.CANARY, List.of(steps));
  }

  private RolloutLane atGate() {
    return controller.start(RolloutLane.empty("fraud-detector", "staging"),
        approved(new Step.SetWeight(10), new Step.Gate("widen"), new Step.SetWeight(100))).lane();
  }

  private static GateDecision approvedGate(String eventId, String gate, int stepIndex) {
    return new GateDecision(eventId, "d1", gate, stepIndex, true, List.of("alice"), null);
  }

  @Test
  void aGateStepRequestsTheGateAndWaitsThere() {
    Transition t = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        approved(new Step.SetWeight(10), new Step.Gate("widen"), new Step.SetWeight(100)));

    assertThat(t.events()).endsWith(new StepCompleted(d1, 0, "setWeight"), new StepStarted(d1, 1, "gate"),
        new GateRequested(d1, "widen", 1, 10));
    RolloutState state = t.lane().current();
    assertThat(state.stepIndex()).isEqualTo(1);
    assertThat(state.phase()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(state.status().message()).isEqualTo("step 1 (gate widen): awaiting the gate's approval, 10% on the new version");
    assertThat(state.control().stepDeadline()).isEqualTo(T0.plus(GATE_DEADLINE));

    clock.advance(Duration.ofHours(1));
    assertThat(controller.timerDue(t.lane(), clock.instant())).as("no timer completes a gate").isFalse();
    assertThat(controller.onTimer(t.lane(), null, clock.instant()).changed()).isFalse();
  }

  @Test
  void anApprovedGateCompletesTheStepAndTheRolloutGoesOn() {
    clock.advance(Duration.ofMinutes(5));
    Transition t = controller.onGateDecision(atGate(), approvedGate("gate-ev-1", "widen", 1));

    assertThat(t.events()).containsExactly(new StepCompleted(d1, 1, "gate"), new Resumed(d1, 1),
        new StepStarted(d1, 2, "setWeight"),
        new TrafficShifted(d1, "cmd-2", List.of(new TrafficWeight("1.4.0", 100)), clock.instant().plusSeconds(30)),
        new StepCompleted(d1, 2, "setWeight"), new Promoted(d1, null));
    assertThat(t.lane().current().phase()).isEqualTo(RolloutPhase.PROMOTED);
    assertThat(t.lane().liveVersion()).isEqualTo("1.4.0");
  }

  @Test
  void duplicateLateAndForeignGateDecisionsAreNoOps() {
    RolloutLane lane = atGate();
    Transition wrongGate = controller.onGateDecision(lane, approvedGate("ev-a", "other", 1));
    Transition wrongIndex = controller.onGateDecision(wrongGate.lane(), approvedGate("ev-b", "widen", 2));
    Transition otherDeployment = controller.onGateDecision(wrongIndex.lane(),
        new GateDecision("ev-c", "d9", "widen", 1, true, List.of("alice"), null));
    assertThat(List.of(wrongGate, wrongIndex, otherDeployment)).allSatisfy(t -> assertThat(t.events()).isEmpty());
    assertThat(otherDeployment.lane().current().stepIndex()).isEqualTo(1);

    Transition approved = controller.onGateDecision(otherDeployment.lane(), approvedGate("ev-d", "widen", 1));
    assertThat(approved.lane().current().promoted()).isTrue();
    assertThat(controller.onGateDecision(approved.lane(), approvedGate("ev-d", "widen", 1)).changed())
        .as("redelivered").isFalse();
    Transition late = controller.onGateDecision(approved.lane(),
        new GateDecision("ev-e", "d1", "widen", 1, false, List.of("bob"), "too late"));
    assertThat(late.events()).as("a rejection after the gate passed").isEmpty();
    assertThat(late.lane().current().promoted()).isTrue();
  }

  @Test
  void aRejectedGateRollsBackWithTheRejecterAndReason() {
    Transition t = controller.onGateDecision(atGate(),
        new GateDecision("ev-r", "d1", "widen", 1, false, List.of("bob"), "error budget spent"));

    RollbackTriggered rollback = (RollbackTriggered) t.events().get(0);
    assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.MANUAL_ABORT);
    assertThat(rollback.reason()).isEqualTo("gate widen at step 1 rejected by bob: error budget spent");
    assertThat(rollback.stepIndex()).isEqualTo(1);
    assertThat(t.lane().current().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(t.lane().liveVersion()).isNull();
  }

  @Test
  void bakeChecksKeepJudgingHealthWhileWaitingAtAGate() {
    Step.Analysis analysis = new Step.Analysis(new Step.Thresholds(0.05, null, null, Map.of(), 2),
        Duration.ofSeconds(10), 1, 0);
    RolloutLane lane = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        approved(new Step.SetWeight(10), new Step.Gate("widen"), analysis)).lane();
    RolloutState s = lane.current();
    LaneHealth health = LaneHealth.open("d1", s.windowStart(), "1.4.0", null);
    for (int i = 0; i < 3; i++) {
      health = health.admit(new Sample("s" + i, "fraud-detector", "1.4.0", "staging", T0, 100, 1, 50.0, Map.of()))
          .health();
    }
    assertThat(controller.timerDue(lane, clock.advance(Duration.ofSeconds(1)))).isTrue();
    assertThat(controller.onTimer(lane, health, clock.instant()).events()).as("healthy: still waiting").isEmpty();

    for (int i = 0; i < 3; i++) {
      health = health.admit(new Sample("b" + i, "fraud-detector", "1.4.0", "staging", T0, 100, 60, 50.0, Map.of()))
          .health();
    }
    Transition breach = controller.onTimer(lane, health, clock.advance(Duration.ofSeconds(1)));

    RollbackTriggered rollback = (RollbackTriggered) breach.events().get(0);
    assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.METRIC_BREACH);
    assertThat(rollback.reason()).contains("during step 1 (gate)");
  }

  @Test
  void aGateWaitingPastTheGateDeadlineRollsBackWithTheNumbers() {
    RolloutLane lane = atGate();
    assertThat(controller.timerDue(lane, T0.plus(GATE_DEADLINE).minusMillis(1))).isFalse();

    Transition t = controller.onTimer(lane, null, clock.advance(GATE_DEADLINE));

    RollbackTriggered rollback = (RollbackTriggered) t.events().get(0);
    assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.STEP_DEADLINE_MISSED);
    assertThat(rollback.reason()).isEqualTo("step 1 (gate) started at " + T0 + " and was not done by its deadline "
        + T0.plus(GATE_DEADLINE) + " (PT4H after its start); now " + T0.plus(GATE_DEADLINE));
    assertThat(t.lane().current().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
  }

  @Test
  void aStepDeadlineCountsOnTopOfTheStepsOwnPlannedTime() {
    RolloutSettings settings = new RolloutSettings(Duration.ofHours(2), true, 3, STEP_DEADLINE, GATE_DEADLINE);
    RolloutController acking = new RolloutController(clock, settings, () -> "c");
    RolloutLane lane = acking.start(RolloutLane.empty("fraud-detector", "staging"),
        approved(new Step.SetWeight(10), Step.Pause.of(Duration.ofMinutes(10)))).lane();
    assertThat(lane.current().control().stepDeadline()).as("setWeight: no planned time")
        .isEqualTo(T0.plus(STEP_DEADLINE));
    // the platform never acknowledges within the step deadline (ack timeout is longer here)
    Transition t = acking.onTimer(lane, null, clock.advance(STEP_DEADLINE));
    RollbackTriggered rollback = (RollbackTriggered) t.events().get(0);
    assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.STEP_DEADLINE_MISSED);
    assertThat(rollback.reason()).startsWith("step 0 (setWeight) started at " + T0);

    assertThat(StepDeadlines.deadline(Step.Pause.of(Duration.ofMinutes(10)), T0, settings))
        .isEqualTo(T0.plus(Duration.ofMinutes(40)));
    assertThat(StepDeadlines.deadline(new Step.Analysis(null, Duration.ofMinutes(1), 5, 2), T0, settings))
        .isEqualTo(T0.plus(Duration.ofMinutes(37)));
    assertThat(StepDeadlines.deadline(Step.Pause.untilResumed(), T0, settings))
        .isEqualTo(T0.plus(GATE_DEADLINE));
    RolloutSettings none = new RolloutSettings(Duration.ofSeconds(30), true, 3, null, null);
    assertThat(StepDeadlines.deadline(new Step.SetWeight(10), T0, none)).isNull();
    assertThat(StepDeadlines.deadline(new Step.Gate("g"), T0, none)).isNull();
  }
}
