package dev.tollgate.rollout.strategy;

import dev.tollgate.rollout.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.strategy.RolloutDomainEvent.GateRequested;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.Paused;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.Promoted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.Resumed;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.StepCompleted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.StepStarted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.TrafficShifted;
import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.StrategyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Operator pause, resume and promote, and pauses until resumed (acks off). */
class OperatorCommandsTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final AtomicInteger ids = new AtomicInteger();
  private final RolloutController controller = new RolloutController(clock,
      new RolloutSettings(Duration.ofSeconds(30), false, 3, Duration.ofMinutes(30), Duration.ofHours(24)),
      () -> "cmd-" + ids.incrementAndGet());
  private final DeploymentRef d1 = new DeploymentRef("d1", "fraud-detector", "1.4.0", "staging");

  private static ApprovedDeployment approved(Step... steps) {
    return new ApprovedDeployment("approval-1", new DeploymentRef("d1", "fraud-detector", "1.4.0", "staging"),
        "sha256:" + "a".repeat(64), "staging-v1", List.of("alice"), StrategyKind.CANARY, List.of(steps));
  }

  private RolloutLane start(Step... steps) {
    return controller.start(RolloutLane.empty("fraud-detector", "staging"), approved(steps)).lane();
  }

  private static OperatorRequest request(String id, OperatorRequest.Kind kind) {
    return new OperatorRequest(id, "d1", kind, "olivia", kind == OperatorRequest.Kind.PAUSE ? "checking dashboards" : null);
  }

  @Test
  void aPauseStopsTheTimedPauseAndResumeMovesItOnByTheTimePaused() {
    RolloutLane lane = start(new Step.SetWeight(20), Step.Pause.of(Duration.ofMinutes(10)), new Step.SetWeight(100));
    Instant deadline = lane.current().control().stepDeadline();
    clock.advance(Duration.ofMinutes(4));

    Transition paused = controller.onOperatorRequest(lane, request("c1", OperatorRequest.Kind.PAUSE));
    assertThat(paused.events()).containsExactly(new Paused(d1, 1, "paused by olivia: checking dashboards"));
    assertThat(paused.lane().current().status().message()).startsWith("step 1: paused by an operator since");
    assertThat(controller.onOperatorRequest(paused.lane(), request("c2", OperatorRequest.Kind.PAUSE)).events())
        .as("paused twice").isEmpty();

    // the pause's end and the step deadline pass while paused: nothing happens
    clock.advance(Duration.ofHours(1));
    assertThat(controller.timerDue(paused.lane(), clock.instant())).isFalse();
    assertThat(controller.onTimer(paused.lane(), null, clock.instant()).changed()).isFalse();

    Transition resumed = controller.onOperatorRequest(paused.lane(), request("c3", OperatorRequest.Kind.RESUME));
    assertThat(resumed.events()).containsExactly(new Resumed(d1, 1));
    RolloutState state = resumed.lane().current();
    assertThat(state.pauseUntil()).isEqualTo(T0.plus(Duration.ofMinutes(70)));
    assertThat(state.control().stepDeadline()).isEqualTo(deadline.plus(Duration.ofHours(1)));
    assertThat(state.control().paused()).isFalse();

    assertThat(controller.onTimer(resumed.lane(), null, clock.advance(Duration.ofMinutes(5))).changed()).isFalse();
    Transition done = controller.onTimer(resumed.lane(), null, clock.advance(Duration.ofMinutes(1)));
    assertThat(done.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("StepCompleted", "StepStarted", "TrafficShifted", "StepCompleted", "Promoted");
  }

  @Test
  void whilePausedNoStepStartsAndResumeContinues() {
    RolloutLane lane = start(Step.Pause.of(Duration.ofSeconds(10)), new Step.SetWeight(100));
    RolloutLane paused = controller.onOperatorRequest(lane, request("c1", OperatorRequest.Kind.PAUSE)).lane();
    clock.advance(Duration.ofSeconds(10));
    Transition resumed = controller.onOperatorRequest(paused, request("c2", OperatorRequest.Kind.RESUME));
    assertThat(resumed.events()).containsExactly(new Resumed(d1, 0));
    assertThat(resumed.lane().current().stepIndex()).isZero();
    assertThat(controller.onTimer(resumed.lane(), null, clock.advance(Duration.ofSeconds(10))).lane().current()
        .promoted()).isTrue();
  }

  @Test
  void aPauseWithoutDurationWaitsUntilResumed() {
    Transition t = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        approved(new Step.SetWeight(20), Step.Pause.untilResumed(), new Step.SetWeight(100)));
    assertThat(t.events()).endsWith(new StepStarted(d1, 1, "pause"),
        new Paused(d1, 1, "step 1 (pause) waits until an operator resumes"));
    assertThat(t.lane().current().status().message()).isEqualTo("step 1 (pause): waiting until an operator resumes");
    assertThat(controller.timerDue(t.lane(), clock.advance(Duration.ofHours(2)))).isFalse();

    Transition resumed = controller.onOperatorRequest(t.lane(), request("c1", OperatorRequest.Kind.RESUME));
    assertThat(resumed.events()).containsExactly(new Resumed(d1, 1), new StepCompleted(d1, 1, "pause"),
        new StepStarted(d1, 2, "setWeight"),
        new TrafficShifted(d1, "cmd-2", List.of(new TrafficWeight("1.4.0", 100)), clock.instant().plusSeconds(30)),
        new StepCompleted(d1, 2, "setWeight"), new Promoted(d1, null));
    assertThat(controller.onOperatorRequest(resumed.lane(), request("c2", OperatorRequest.Kind.RESUME)).events())
        .as("a finished rollout").isEmpty();
  }

  @Test
  void aResumeOfARolloutThatIsNeitherPausedNorWaitingChangesNothing() {
    RolloutLane lane = start(new Step.SetWeight(20), Step.Pause.of(Duration.ofMinutes(10)));
    Transition t = controller.onOperatorRequest(lane, request("c1", OperatorRequest.Kind.RESUME));
    assertThat(t.events()).isEmpty();
    assertThat(t.lane().current()).isEqualTo(lane.current());
    assertThat(controller.onOperatorRequest(lane,
        new OperatorRequest("c2", "d9", OperatorRequest.Kind.PAUSE, "olivia", null)).events())
        .as("another deployment").isEmpty();
  }

  @Test
  void promoteSkipsTheRemainingStepsButStopsAtAGateUntilItIsApproved() {
    RolloutLane lane = start(new Step.SetWeight(10), Step.Pause.of(Duration.ofMinutes(10)), new Step.SetWeight(30),
        new Step.Gate("widen"), new Step.SetWeight(60), Step.Pause.untilResumed());

    Transition promote = controller.onOperatorRequest(lane, request("c1", OperatorRequest.Kind.PROMOTE));
    assertThat(promote.events()).containsExactly(new StepCompleted(d1, 1, "pause"), new StepStarted(d1, 3, "gate"),
        new GateRequested(d1, "widen", 3, 10));
    assertThat(promote.lane().current().control().promoting()).isTrue();

    Transition gate = controller.onGateDecision(promote.lane(),
        new GateDecision("g1", "d1", "widen", 3, true, List.of("alice"), null));
    assertThat(gate.events()).containsExactly(new StepCompleted(d1, 3, "gate"), new Resumed(d1, 3),
        new TrafficShifted(d1, "cmd-2", List.of(new TrafficWeight("1.4.0", 100)), clock.instant().plusSeconds(30)),
        new Promoted(d1, null));
    assertThat(gate.lane().liveVersion()).isEqualTo("1.4.0");
  }

  @Test
  void promoteOfAPausedRolloutResumesIt() {
    RolloutLane lane = start(new Step.SetWeight(10), Step.Pause.of(Duration.ofMinutes(10)));
    RolloutLane paused = controller.onOperatorRequest(lane, request("c1", OperatorRequest.Kind.PAUSE)).lane();
    Transition promote = controller.onOperatorRequest(paused, request("c2", OperatorRequest.Kind.PROMOTE));
    assertThat(promote.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Resumed", "StepCompleted", "TrafficShifted", "Promoted");
  }

  @Test
  void resumingARolloutThatWaitsAtAGateLeavesItWaitingThere() {
    RolloutLane lane = start(new Step.SetWeight(10), new Step.Gate("widen"), new Step.SetWeight(100));
    RolloutLane paused = controller.onOperatorRequest(lane, request("c1", OperatorRequest.Kind.PAUSE)).lane();

    Transition resumed = controller.onOperatorRequest(paused, request("c2", OperatorRequest.Kind.RESUME));
    assertThat(resumed.events()).containsExactly(new Resumed(d1, 1),
        new Paused(d1, 1, "step 1 (gate widen) still awaits its approval"));
    assertThat(resumed.lane().current().stepIndex()).isEqualTo(1);
    assertThat(resumed.lane().current().status().message()).startsWith("step 1 (gate widen): awaiting");
  }

  @Test
  void aGateApprovedWhileAnOperatorHoldsThePauseWaitsForTheResume() {
    RolloutLane lane = start(new Step.SetWeight(10), new Step.Gate("widen"), new Step.SetWeight(100));
    RolloutLane paused = controller.onOperatorRequest(lane, request("c1", OperatorRequest.Kind.PAUSE)).lane();
    Transition gate = controller.onGateDecision(paused,
        new GateDecision("g1", "d1", "widen", 1, true, List.of("alice"), null));
    assertThat(gate.events()).containsExactly(new StepCompleted(d1, 1, "gate"));
    assertThat(gate.lane().current().stepIndex()).isEqualTo(2);
    assertThat(gate.lane().current().stepStartedAt()).isNull();

    Transition resumed = controller.onOperatorRequest(gate.lane(), request("c2", OperatorRequest.Kind.RESUME));
    assertThat(resumed.lane().current().promoted()).isTrue();
  }
}
