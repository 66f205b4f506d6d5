package dev.tollgate.rollout.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.Sample;
import dev.tollgate.rollout.strategy.ApprovedDeployment;
import dev.tollgate.rollout.strategy.DeploymentRef;
import dev.tollgate.rollout.strategy.RolloutController;
import dev.tollgate.rollout.strategy.RolloutLane;
import dev.tollgate.rollout.strategy.RolloutSettings;
import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.Strategy;
import dev.tollgate.strategy.StrategyKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonStoreSerdeTest {

  private final JsonStoreSerde<RolloutLane> serde = new JsonStoreSerde<>(RolloutLane.class);

  @Test
  void aLaneWithARunningRolloutSurvivesTheRoundTrip() {
    RolloutController controller = new RolloutController(
        Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC), RolloutSettings.withoutAcks(), () -> "cmd");
    RolloutLane lane = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        new ApprovedDeployment("e1", new DeploymentRef("d1", "fraud-detector", "1.4.0", "staging"), "sha256:x",
            "staging-v1", List.of("alice"), StrategyKind.CANARY,
            List.of(new Step.SetWeight(20), Step.Pause.of(Duration.ofMillis(1500)), new Step.SetWeight(100))))
        .lane();

    RolloutLane read = serde.deserializer().deserialize("store", serde.serializer().serialize("store", lane));

    assertThat(read).isEqualTo(lane);
    assertThat(read.current().pauseUntil()).isEqualTo(Instant.parse("2025-03-03T09:00:01.500Z"));
  }

  @Test
  void aLaneWaitingAtAGateKeepsItsControlAndALaneStoredBeforeControlExistedReadsAsNone() {
    RolloutController controller = new RolloutController(
        Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC), RolloutSettings.withoutAcks(), () -> "cmd");
    RolloutLane lane = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        new ApprovedDeployment("e1", new DeploymentRef("d1", "fraud-detector", "1.4.0", "staging"), "sha256:x",
            "staging-v1", List.of("alice"), StrategyKind.CANARY,
            List.of(new Step.SetWeight(20), new Step.Gate("widen"), new Step.SetWeight(100))))
        .lane();
    byte[] bytes = serde.serializer().serialize("store", lane);

    RolloutLane read = serde.deserializer().deserialize("store", bytes);
    assertThat(read).isEqualTo(lane);
    assertThat(read.current().control().stepDeadline()).isEqualTo(Instant.parse("2025-03-04T09:00:00Z"));

    String json = new String(bytes, StandardCharsets.UTF_8);
    String old = json.replaceAll(",\\s*\"control\"\\s*:\\s*\\{[^}]*\\}", "");
    assertThat(old).isNotEqualTo(json).doesNotContain("control");
    RolloutLane before = serde.deserializer().deserialize("store", old.getBytes(StandardCharsets.UTF_8));
    assertThat(before.current().control()).isEqualTo(dev.tollgate.rollout.strategy.StepControl.NONE);
  }

  @Test
  void aLaneRollingBackFromAnAnalysisAndItsHealthWindowSurviveTheRoundTrip() {
    Instant t0 = Instant.parse("2025-03-03T09:00:00Z");
    RolloutController controller = new RolloutController(Clock.fixed(t0, ZoneOffset.UTC), RolloutSettings.defaults(),
        () -> "cmd");
    Step.Analysis analysis = new Step.Analysis(new Step.Thresholds(0.01, null, null, Map.of("drift", 0.2), 1),
        Duration.ofSeconds(10), 2, 0);
    RolloutLane lane = controller.start(RolloutLane.empty("fraud-detector", "staging"),
        new ApprovedDeployment("e1", new DeploymentRef("d1", "fraud-detector", "1.4.0", "staging"), "sha256:x",
            "staging-v1", List.of("alice"), StrategyKind.CANARY, List.of(analysis))).lane();
    LaneHealth health = LaneHealth.open("d1", lane.current().windowStart(), "1.4.0", null)
        .admit(new Sample("s1", "fraud-detector", "1.4.0", "staging", t0, 100, 50, 20.0, Map.of("drift", 0.5)))
        .health();
    RolloutLane rollingBack = controller.onTimer(lane, health, t0.plusSeconds(10)).lane();
    LaneHealthSerde healthSerde = new LaneHealthSerde();

    RolloutLane read = serde.deserializer().deserialize("store", serde.serializer().serialize("store", rollingBack));
    LaneHealth readHealth = healthSerde.deserializer().deserialize("store",
        healthSerde.serializer().serialize("store", health));

    assertThat(rollingBack.current().rollback()).isNotNull();
    assertThat(read).isEqualTo(rollingBack);
    assertThat(readHealth).isEqualTo(health);
  }

  @Test
  void everyStepKindSurvivesTheRoundTrip() {
    JsonStoreSerde<Strategy> strategies = new JsonStoreSerde<>(Strategy.class);
    Strategy blueGreen = Strategy.of(StrategyKind.BLUE_GREEN, new Step.Preview(2),
        new Step.Analysis(new Step.Thresholds(0.01, 250.0, null, Map.of("drift", 0.2), 5), Duration.ofSeconds(30), 3, 1),
        new Step.Gate("switch-over"), Step.Pause.untilResumed(), new Step.Switch(), new Step.ScaleDown(Duration.ofMinutes(10)));
    Strategy ab = Strategy.of(StrategyKind.AB, new Step.Experiment(50, Duration.ofHours(1), "error_rate", 0.05, true));

    for (Strategy strategy : List.of(blueGreen, ab)) {
      byte[] json = strategies.serializer().serialize("store", strategy);
      assertThat(strategies.deserializer().deserialize("store", json)).isEqualTo(strategy);
    }
  }

  @Test
  void ignoresPropertiesALaterVersionAdded() {
    byte[] json = ("{\"model\":\"m\",\"environment\":\"prod\",\"liveVersion\":\"1.0.0\",\"recentIds\":[\"e1\"],"
        + "\"addedLater\":42}").getBytes(StandardCharsets.UTF_8);

    RolloutLane lane = serde.deserializer().deserialize("store", json);

    assertThat(lane).isEqualTo(new RolloutLane("m", "prod", "1.0.0", null, null, List.of("e1")));
  }
}
