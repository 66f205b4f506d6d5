package dev.tollgate.rollout.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.strategy.RolloutDomainEvent.Aborted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.Promoted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.Started;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.StepCompleted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.StepStarted;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.TrafficShifted;
import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.Strategy;
import dev.tollgate.strategy.StrategyKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RolloutControllerTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final Duration ACK = Duration.ofSeconds(30);

  private final AtomicInteger ids = new AtomicInteger();
  private final RolloutController controller = new RolloutController(Clock.fixed(T0, ZoneOffset.UTC),
      new RolloutSettings(ACK, false, 3), () -> "cmd-" + ids.incrementAndGet());

  private static ApprovedDeployment approved(String eventId, String deploymentId, String version, Step... steps) {
    return new ApprovedDeployment(eventId, new DeploymentRef(deploymentId, "fraud-detector", version, "staging"),
        "sha256:" + "a".repeat(64), "staging-v1", List.of("alice"), StrategyKind.CANARY, List.of(steps));
  }

  private static RolloutLane lane() {
    return RolloutLane.empty("fraud-detector", "staging");
  }

  private static DeploymentRef ref(String deploymentId, String version) {
    return new DeploymentRef(deploymentId, "fraud-detector", version, "staging");
  }

  @Test
  void setWeightShiftsTrafficAndATimedPauseWaits() {
    DeploymentRef d1 = ref("d1", "1.4.0");

    Transition t = controller.start(lane(),
        approved("e1", "d1", "1.4.0", new Step.SetWeight(20), Step.Pause.of(Duration.ofSeconds(1)), new Step.SetWeight(100)));

    assertThat(t.changed()).isTrue();
    assertThat(t.events()).containsExactly(
        new Started(d1, Strategy.of(StrategyKind.CANARY, new Step.SetWeight(20), Step.Pause.of(Duration.ofSeconds(1)),
            new Step.SetWeight(100)), null, "sha256:" + "a".repeat(64)),
        new StepStarted(d1, 0, "setWeight"),
        new TrafficShifted(d1, "cmd-1", List.of(new TrafficWeight("1.4.0", 20)), T0.plus(ACK)),
        new StepCompleted(d1, 0, "setWeight"),
        new StepStarted(d1, 1, "pause"));
    RolloutState state = t.lane().current();
    assertThat(state.stepIndex()).isEqualTo(1);
    assertThat(state.pauseUntil()).isEqualTo(T0.plusSeconds(1));
    assertThat(state.candidateWeight()).isEqualTo(20);
    assertThat(state.lastTrafficCommandId()).isEqualTo("cmd-1");
    assertThat(state.status().phase()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(state.status().message()).contains("waiting until " + T0.plusSeconds(1));
    assertThat(t.lane().hasActiveRollout()).isTrue();
  }

  @Test
  void timerCompletesThePauseOnlyOnceItHasPassedThenPromotes() {
    RolloutLane started = controller.start(lane(),
        approved("e1", "d1", "1.4.0", new Step.SetWeight(20), Step.Pause.of(Duration.ofSeconds(1)), new Step.SetWeight(100)))
        .lane();
    DeploymentRef d1 = ref("d1", "1.4.0");

    assertThat(controller.timerDue(started, T0.plusMillis(999))).isFalse();
    assertThat(controller.onTimer(started, null, T0.plusMillis(999)).changed()).isFalse();

    Transition t = controller.onTimer(started, null, T0.plusSeconds(1));

    assertThat(t.events()).containsExactly(
        new StepCompleted(d1, 1, "pause"),
        new StepStarted(d1, 2, "setWeight"),
        new TrafficShifted(d1, "cmd-2", List.of(new TrafficWeight("1.4.0", 100)), T0.plusSeconds(1).plus(ACK)),
        new StepCompleted(d1, 2, "setWeight"),
        new Promoted(d1, null));
    RolloutState state = t.lane().current();
    assertThat(state.status().phase()).isEqualTo(RolloutPhase.PROMOTED);
    assertThat(state.stepIndex()).isEqualTo(3);
    assertThat(state.finishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(t.lane().liveVersion()).isEqualTo("1.4.0");
    assertThat(t.lane().liveDeploymentId()).isEqualTo("d1");
    assertThat(t.lane().hasActiveRollout()).isFalse();
    assertThat(controller.onTimer(t.lane(), null, T0.plusSeconds(5)).changed()).isFalse();
  }

  @Test
  void promotionShiftsTheRestOfTheTrafficWhenTheLastWeightIsBelowHundred() {
    Transition t = controller.start(lane(), approved("e1", "d1", "1.4.0", new Step.SetWeight(50)));

    assertThat(t.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("Started", "StepStarted", "TrafficShifted", "StepCompleted", "TrafficShifted", "Promoted");
    assertThat(t.events().get(4)).isEqualTo(
        new TrafficShifted(ref("d1", "1.4.0"), "cmd-2", List.of(new TrafficWeight("1.4.0", 100)), T0.plus(ACK)));
  }

  @Test
  void theLiveVersionIsTheBaselineOfTheNextRollout() {
    RolloutLane afterFirst = controller.start(lane(), approved("e1", "d1", "1.4.0", new Step.SetWeight(100))).lane();

    Transition t = controller.start(afterFirst, approved("e2", "d2", "1.5.0", new Step.SetWeight(30), new Step.SetWeight(100)));

    DeploymentRef d2 = ref("d2", "1.5.0");
    assertThat(t.events().get(0)).isEqualTo(new Started(d2,
        Strategy.of(StrategyKind.CANARY, new Step.SetWeight(30), new Step.SetWeight(100)), "1.4.0",
        "sha256:" + "a".repeat(64)));
    assertThat(t.events()).filteredOn(TrafficShifted.class::isInstance).map(e -> ((TrafficShifted) e).weights())
        .containsExactly(
            List.of(new TrafficWeight("1.5.0", 30), new TrafficWeight("1.4.0", 70)),
            List.of(new TrafficWeight("1.5.0", 100), new TrafficWeight("1.4.0", 0)));
    assertThat(t.events()).last().isEqualTo(new Promoted(d2, "1.4.0"));
    assertThat(t.lane().liveVersion()).isEqualTo("1.5.0");
  }

  @Test
  void aRedeliveredApprovalChangesNothing() {
    ApprovedDeployment approval = approved("e1", "d1", "1.4.0", new Step.SetWeight(20), Step.Pause.of(Duration.ofHours(1)));
    RolloutLane started = controller.start(lane(), approval).lane();

    Transition sameEvent = controller.start(started, approval);
    Transition sameDeployment = controller.start(started,
        approved("e1-again", "d1", "1.4.0", new Step.SetWeight(20), Step.Pause.of(Duration.ofHours(1))));

    assertThat(sameEvent.changed()).isFalse();
    assertThat(sameEvent.events()).isEmpty();
    assertThat(sameEvent.lane()).isSameAs(started);
    assertThat(sameDeployment.changed()).isFalse();
    assertThat(sameDeployment.events()).isEmpty();
  }

  @Test
  void aSecondApprovalWhileOneIsActiveIsRefusedAndTheActiveOneGoesOn() {
    RolloutLane active = controller.start(lane(),
        approved("e1", "d1", "1.4.0", new Step.SetWeight(20), Step.Pause.of(Duration.ofHours(1)))).lane();

    Transition t = controller.start(active, approved("e2", "d2", "1.5.0", new Step.SetWeight(100)));

    assertThat(t.events()).containsExactly(new Aborted(ref("d2", "1.5.0"),
        "refused: deployment d1 (version 1.4.0) is still rolling out fraud-detector in staging; "
            + "only one rollout per model and environment may be active"));
    assertThat(t.lane().current()).isEqualTo(active.current());
    assertThat(t.lane().remembers("e2")).isTrue();
    assertThat(controller.start(t.lane(), approved("e2", "d2", "1.5.0", new Step.SetWeight(100))).changed()).isFalse();
  }

  @Test
  void anInvalidStrategyIsRefusedWithItsViolations() {
    Transition t = controller.start(lane(), approved("e1", "d1", "1.4.0", new Step.SetWeight(120)));

    assertThat(t.events()).containsExactly(new Aborted(ref("d1", "1.4.0"),
        "invalid strategy: step 0 (setWeight): weight must be between 0 and 100, was 120"));
  }

  @Test
  void aManualAbortRollsBackToTheKnownGoodVersionAndCompletesAtOnceWithoutAcks() {
    RolloutLane live = controller.start(lane(), approved("e1", "d1", "1.4.0", new Step.SetWeight(100))).lane();
    RolloutLane rolling = controller.start(live,
        approved("e2", "d2", "1.5.0", new Step.SetWeight(25), Step.Pause.of(Duration.ofMinutes(10)))).lane();

    Transition t = controller.rollback(rolling, "cmd-event-1", "d2", RollbackTrigger.MANUAL_ABORT,
        AbortReasons.manual("olivia", "latency looks off"));

    DeploymentRef d2 = ref("d2", "1.5.0");
    assertThat(t.events()).containsExactly(
        new RolloutDomainEvent.RollbackTriggered(d2, RollbackTrigger.MANUAL_ABORT, "aborted by olivia: latency looks off",
            1, "1.4.0", null),
        new TrafficShifted(d2, "cmd-3", List.of(new TrafficWeight("1.5.0", 0), new TrafficWeight("1.4.0", 100)),
            T0.plus(ACK)),
        new RolloutDomainEvent.RollbackCompleted(d2, "1.4.0"));
    assertThat(t.lane().current().status().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(t.lane().current().status().message())
        .isEqualTo("rolled back, traffic back on 1.4.0: aborted by olivia: latency looks off");
    assertThat(t.lane().liveVersion()).isEqualTo("1.4.0");
    assertThat(t.lane().hasActiveRollout()).isFalse();
    assertThat(controller.rollback(t.lane(), "cmd-event-1", "d2", RollbackTrigger.MANUAL_ABORT, "again").changed())
        .isFalse();
    assertThat(controller.rollback(t.lane(), "cmd-event-2", "d2", RollbackTrigger.MANUAL_ABORT, "again").events())
        .isEmpty();
  }

  @Test
  void theLaneRemembersABoundedNumberOfIds() {
    RolloutLane lane = lane();
    for (int i = 0; i < RolloutLane.RECENT_ID_CAPACITY + 10; i++) {
      lane = lane.remember("id-" + i);
    }

    assertThat(lane.recentIds()).hasSize(RolloutLane.RECENT_ID_CAPACITY);
    assertThat(lane.remembers("id-0")).isFalse();
    assertThat(lane.remembers("id-" + (RolloutLane.RECENT_ID_CAPACITY + 9))).isTrue();
  }
}
