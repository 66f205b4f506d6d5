package dev.tollgate.rollout.strategy;

import dev.tollgate.rollout.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.Sample;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.ExperimentConcluded;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.RollbackTriggered;
import dev.tollgate.rollout.strategy.RolloutDomainEvent.TrafficShifted;
import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.StrategyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Blue-green steps and A/B experiments of the controller, acks required. */
class RolloutControllerBlueGreenTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final Duration ACK = Duration.ofSeconds(30);
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  private final MutableClock clock = new MutableClock(T0);
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger samples = new AtomicInteger();
  private final RolloutController controller =
      new RolloutController(clock, new RolloutSettings(ACK, true, 2), () -> "cmd-" + ids.incrementAndGet());


  private static Step.Analysis analysis() {
    return new Step.Analysis(new Step.Thresholds(0.05, 250.0, null, Map.of(), 2), INTERVAL, 1, 0);
  }

  private static ApprovedDeployment approved(String id, String version, StrategyKind kind, Step... steps) {
    return new ApprovedDeployment("approval-" + id, new DeploymentRef(id, "fraud-detector", version, "staging"),
        "sha256:" + "a".repeat(64), "staging-v1", List.of("alice"), kind, List.of(steps));
  }

  private Transition ack(RolloutLane lane) {
    return controller.onAck(lane,
        new TrafficAcknowledgement("ack-" + ids.incrementAndGet(), lane.current().lastTrafficCommandId(), true, null));
  }

  private RolloutLane live(String version) {
    RolloutLane lane = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        approved("d0", version, StrategyKind.CANARY, new Step.SetWeight(100))).lane();
    return ack(lane).lane();
  }

  /** The lane's current window with {@code n} samples of {@code version} (p99 by sample index). */
  private LaneHealth samples(LaneHealth health, String version, int n, long errors, IntToDoubleFunction p99) {
    for (int i = 0; i < n; i++) {
      health = health.admit(new Sample("sample-" + samples.incrementAndGet(), "fraud-detector", version, "staging",
          clock.instant(), 100, errors, p99.applyAsDouble(i), Map.of())).health();
    }
    return health;
  }

  private static LaneHealth open(RolloutLane lane) {
    RolloutState s = lane.current();
    return LaneHealth.open(s.deployment().deploymentId(), s.windowStart(), s.deployment().version(),
        s.baselineVersion()).collecting(ExperimentSteps.collectedMetric(s));
  }

  private Transition tick(RolloutLane lane, Duration after, LaneHealth health) {
    clock.advance(after);
    return controller.onTimer(lane, health, clock.instant());
  }

  private static List<String> names(Transition t) {
    return t.events().stream().map(e -> e.getClass().getSimpleName()).toList();
  }

  @Test
  void blueGreenPreviewsAnalysesSwitchesKeepsTheOldVersionWarmThenScalesItDownAndPromotes() {
    RolloutLane lane = live("1.0.0");
    Transition started = controller.start(lane, approved("d1", "2.0.0", StrategyKind.BLUE_GREEN,
        new Step.Preview(null), analysis(), new Step.Switch(), analysis(), new Step.ScaleDown(Duration.ofMinutes(2))));

    TrafficShifted preview = (TrafficShifted) started.events().get(2);
    assertThat(preview.weights()).containsExactly(new TrafficWeight("2.0.0", 0), new TrafficWeight("1.0.0", 100));
    assertThat(preview.previewVersions()).containsExactly("2.0.0");
    Transition previewing = ack(started.lane());
    assertThat(names(previewing)).containsExactly("StepCompleted", "StepStarted");

    lane = previewing.lane();
    Transition prePromotion = tick(lane, INTERVAL, samples(open(lane), "2.0.0", 3, 1, i -> 100));
    assertThat(names(prePromotion)).containsExactly("AnalysisPassed", "StepCompleted", "StepStarted", "TrafficShifted");
    TrafficShifted switched = (TrafficShifted) prePromotion.events().get(3);
    assertThat(switched.weights()).containsExactly(new TrafficWeight("2.0.0", 100), new TrafficWeight("1.0.0", 0));
    assertThat(switched.previewVersions()).as("the old version stays warm").containsExactly("1.0.0");
    assertThat(prePromotion.lane().liveVersion()).as("not promoted before all steps").isEqualTo("1.0.0");

    lane = ack(prePromotion.lane()).lane();
    Transition postPromotion = tick(lane, INTERVAL, samples(open(lane), "2.0.0", 3, 1, i -> 100));
    assertThat(names(postPromotion)).containsExactly("AnalysisPassed", "StepCompleted", "StepStarted");
    lane = postPromotion.lane();
    assertThat(lane.current().status().message()).startsWith("step 4 (scaleDown): waiting until");
    assertThat(tick(lane, Duration.ofMinutes(2).minusMillis(1), null).changed()).as("scale-down delay").isFalse();

    Transition scaledDown = tick(lane, Duration.ofMillis(1), null);
    TrafficShifted drop = (TrafficShifted) scaledDown.events().get(0);
    assertThat(drop.weights()).containsExactly(new TrafficWeight("2.0.0", 100));
    assertThat(drop.previewVersions()).isEmpty();
    Transition promoted = ack(scaledDown.lane());
    assertThat(names(promoted)).containsExactly("StepCompleted", "Promoted");
    assertThat(promoted.lane().liveVersion()).isEqualTo("2.0.0");
  }

  @Test
  void aFailedPostPromotionAnalysisSwitchesStraightBackToTheOldVersion() {
    RolloutLane lane = live("1.0.0");
    lane = controller.start(lane, approved("d1", "2.0.0", StrategyKind.BLUE_GREEN,
        new Step.Preview(null), new Step.Switch(), analysis())).lane();
    lane = ack(lane).lane();
    lane = ack(lane).lane();
    assertThat(lane.current().candidateWeight()).isEqualTo(100);

    Transition failed = tick(lane, INTERVAL, samples(open(lane), "2.0.0", 3, 20, i -> 100));

    assertThat(names(failed)).containsExactly("AnalysisFailed", "RollbackTriggered", "TrafficShifted");
    RollbackTriggered rollback = (RollbackTriggered) failed.events().get(1);
    assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.ANALYSIS_FAILED);
    assertThat(rollback.reason()).contains("error rate 0.2000 > max 0.0500");
    assertThat(rollback.rollbackToVersion()).isEqualTo("1.0.0");
    assertThat(((TrafficShifted) failed.events().get(2)).weights())
        .containsExactly(new TrafficWeight("2.0.0", 0), new TrafficWeight("1.0.0", 100));
    Transition done = ack(failed.lane());
    assertThat(done.lane().current().phase()).isEqualTo(RolloutPhase.ROLLED_BACK);
    assertThat(done.lane().liveVersion()).isEqualTo("1.0.0");
  }

  @Test
  void withoutAScaleDownStepTheOldVersionIsDroppedBeforeThePromotion() {
    RolloutLane lane = live("1.0.0");
    lane = controller.start(lane, approved("d1", "2.0.0", StrategyKind.BLUE_GREEN,
        new Step.Preview(null), new Step.Switch())).lane();
    lane = ack(lane).lane();
    Transition switched = ack(lane);
    assertThat(names(switched)).containsExactly("StepCompleted", "TrafficShifted");
    assertThat(((TrafficShifted) switched.events().get(1)).weights()).containsExactly(new TrafficWeight("2.0.0", 100));
    assertThat(names(ack(switched.lane()))).containsExactly("Promoted");
  }

  @Test
  void anExperimentWithAClearlyFasterCandidateNamesItAndPromotesItWhenAsked() {
    RolloutLane lane = live("1.0.0");
    Transition started = controller.start(lane, approved("d1", "2.0.0", StrategyKind.AB,
        new Step.Experiment(50, Duration.ofMinutes(1), "p99_latency_ms", 0.05, true)));
    assertThat(((TrafficShifted) started.events().get(2)).weights())
        .containsExactly(new TrafficWeight("2.0.0", 50), new TrafficWeight("1.0.0", 50));
    clock.advance(Duration.ofSeconds(2));
    lane = ack(started.lane()).lane();
    assertThat(lane.current().windowStart()).as("values count from the split in effect").isEqualTo(clock.instant());
    assertThat(ExperimentSteps.collectedMetric(lane.current())).isEqualTo("p99_latency_ms");

    LaneHealth health = samples(open(lane), "2.0.0", 20, 0, i -> 100 + i);
    health = samples(health, "1.0.0", 20, 0, i -> 130 + i);
    assertThat(tick(lane, Duration.ofSeconds(59), health).changed()).isFalse();
    Transition concluded = tick(lane, Duration.ofSeconds(1), health);

    assertThat(names(concluded)).containsExactly("ExperimentConcluded", "StepCompleted", "TrafficShifted");
    ExperimentConcluded result = (ExperimentConcluded) concluded.events().get(0);
    assertThat(result.winnerVersion()).isEqualTo("2.0.0");
    assertThat(result.test().uA()).as("every candidate value below every baseline value").isEqualTo(0.0);
    assertThat(result.test().pValue()).as("z = (200 - 0.5) / sqrt(400 * 41 / 12) = 5.40").isLessThan(1e-6);
    assertThat(result.candidateMedian()).isEqualTo(109.5);
    assertThat(result.baselineMedian()).isEqualTo(139.5);
    assertThat(result.summary()).startsWith("p99_latency_ms: 2.0.0 is better (p=");
    assertThat(((TrafficShifted) concluded.events().get(2)).weights()).containsExactly(new TrafficWeight("2.0.0", 100),
        new TrafficWeight("1.0.0", 0));
    assertThat(ack(concluded.lane()).lane().liveVersion()).isEqualTo("2.0.0");
  }

  @Test
  void anExperimentWithoutPromoteWinnerReturnsTrafficToTheBaselineAndEndsAborted() {
    RolloutLane lane = live("1.0.0");
    lane = controller.start(lane, approved("d1", "2.0.0", StrategyKind.AB,
        new Step.Experiment(30, Duration.ofMinutes(1), "error_rate", 0.05, false))).lane();
    lane = ack(lane).lane();
    LaneHealth health = samples(open(lane), "2.0.0", 15, 1, i -> 100);
    health = samples(health, "1.0.0", 15, 1, i -> 100);

    Transition concluded = tick(lane, Duration.ofMinutes(1), health);

    assertThat(names(concluded)).containsExactly("ExperimentConcluded", "TrafficShifted", "Aborted");
    ExperimentConcluded result = (ExperimentConcluded) concluded.events().get(0);
    assertThat(result.winnerVersion()).as("all values equal").isNull();
    assertThat(result.test().pValue()).isEqualTo(1.0);
    assertThat(((TrafficShifted) concluded.events().get(1)).weights())
        .containsExactly(new TrafficWeight("2.0.0", 0), new TrafficWeight("1.0.0", 100));
    assertThat(concluded.lane().current().phase()).isEqualTo(RolloutPhase.ABORTED);
    assertThat(concluded.lane().current().abortReason())
        .startsWith("experiment at step 0 concluded, not promoted (promoteWinner is false); traffic back on the "
            + "baseline: error_rate: no significant difference");
    assertThat(concluded.lane().liveVersion()).isEqualTo("1.0.0");
  }

  @Test
  void anExperimentNeedsALiveBaseline() {
    Transition started = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        approved("d1", "2.0.0", StrategyKind.AB, new Step.Experiment(50, Duration.ofMinutes(1), "error_rate", 0.05,
            true)));
    assertThat(names(started)).containsExactly("Started", "StepStarted", "Aborted");
    assertThat(started.lane().current().abortReason()).isEqualTo(AbortReasons.experimentWithoutBaseline(0));
  }
}
