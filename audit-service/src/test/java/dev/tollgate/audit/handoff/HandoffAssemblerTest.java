package dev.tollgate.audit.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.audit.handoff.document.HandoffRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fold of gate, rollback and in-progress paths, on payloads shaped as the ingest writes them. */
class HandoffAssemblerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private static HandoffEvent event(int second, String type, String actor, String json) {
    return new HandoffEvent("e-" + second, type, T0.plusSeconds(second), actor, "dep-1", "production",
        "{\"type\": \"" + type + "\"" + (json.isEmpty() ? "" : ", " + json) + "}");
  }

  private static List<HandoffEvent> started() {
    List<HandoffEvent> events = new ArrayList<>();
    events.add(event(0, "DeploymentRequested", "ci:pipeline", "\"artifactDigest\": \"sha256:ab\", \"source\": {},"
        + " \"profile\": {\"instanceType\": \"ml.g5\", \"instanceSize\": null, \"replicas\": 3, \"location\": \"us-east-1\","
        + " \"updateSchedule\": null}"));
    events.add(event(1, "RolloutStarted", "system:rollout-service",
        "\"strategy\": {\"kind\": \"CANARY\", \"steps\": []}, \"baselineVersion\": \"1.3.0\", \"artifactDigest\": \"sha256:ab\""));
    events.add(event(2, "GateRequested", "system:rollout-service",
        "\"gate\": \"sre-check\", \"stepIndex\": 2, \"currentWeight\": 20"));
    events.add(event(3, "GateApprovalGranted", "bob", "\"gate\": \"sre-check\", \"stepIndex\": 2, \"approver\": \"bob\","
        + " \"roles\": [\"approver\"], \"policyVersion\": \"production-v2\", \"reason\": null, \"evaluation\": []"));
    return events;
  }

  @Test
  void gatesAndARollbackWithItsNumbersAreFolded() {
    List<HandoffEvent> events = started();
    events.add(event(4, "GateRejected", "carol", "\"gate\": \"sre-check\", \"stepIndex\": 2, \"rejectedBy\": \"carol\","
        + " \"reason\": \"p99 too high\", \"roles\": [\"approver\"], \"evaluation\": []"));
    events.add(event(5, "RollbackTriggered", "system:rollout-service", "\"trigger\": \"METRIC_BREACH\","
        + " \"reason\": \"error rate 9 % > 5 %\", \"stepIndex\": 2, \"rollbackToVersion\": \"1.3.0\", \"evidence\":"
        + " {\"modelVersion\": \"1.4.0\", \"sampleCount\": 4, \"requestCount\": 100, \"errorCount\": 9,"
        + " \"errorRate\": 0.09, \"p99LatencyMs\": 210.0, \"customMetrics\": {}}"));
    events.add(event(6, "RollbackCompleted", "system:rollout-service", "\"restoredVersion\": \"1.3.0\""));
    List<HandoffRecord.Live> live = List.of(new HandoffRecord.Live("production", "1.3.0", T0.minusSeconds(600),
        "dep-0", "RolloutPromoted"));

    HandoffRecord record = HandoffAssembler.assemble("fraud-detector", "1.4.0", events, live,
        (version, environment) -> Optional.empty(), T0.plusSeconds(60));

    assertThat(record.profile()).isEqualTo(new HandoffRecord.Profile("ml.g5", null, 3, "us-east-1", null));
    assertThat(record.gates()).extracting(HandoffRecord.GateDecision::decision, g -> g.people(), g -> g.reason())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("vote: approved", List.of("bob"), null),
            org.assertj.core.groups.Tuple.tuple("rejected", List.of("carol"), "p99 too high"));
    assertThat(record.rollbacks()).singleElement().satisfies(b -> {
      assertThat(b.trigger()).isEqualTo("METRIC_BREACH");
      assertThat(b.evidence().errorRate()).isEqualTo(0.09);
      assertThat(b.evidence().requestCount()).isEqualTo(100);
      assertThat(b.completedAt()).isEqualTo(T0.plusSeconds(6));
      assertThat(b.restoredVersion()).isEqualTo("1.3.0");
    });
    assertThat(record.rollouts()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo("RollbackCompleted");
      assertThat(r.steps()).extracting(HandoffRecord.Step::event).containsExactly(
          "RolloutStarted", "GateRequested", "RollbackTriggered", "RollbackCompleted");
    });
    assertThat(record.rollbackPlans()).singleElement().satisfies(plan -> {
      assertThat(plan.activeDeploymentId()).as("the rollout has ended").isNull();
      assertThat(plan.liveVersion()).isEqualTo("1.3.0");
      assertThat(plan.lastKnownGood()).isEqualTo("1.3.0");
    });
  }

  @Test
  void aRolloutInProgressIsTheOneToAbortBackToItsBaseline() {
    List<String> asked = new ArrayList<>();
    HandoffRecord record = HandoffAssembler.assemble("fraud-detector", "1.4.0", started(), List.of(),
        (version, environment) -> {
          asked.add(version + "@" + environment);
          return Optional.empty();
        }, T0.plusSeconds(60));

    assertThat(record.rollbackPlans()).singleElement().satisfies(plan -> {
      assertThat(plan.activeDeploymentId()).isEqualTo("dep-1");
      assertThat(plan.lastKnownGood()).isEqualTo("1.3.0");
      assertThat(plan.knownGoodRequest()).isNull();
    });
    assertThat(asked).containsExactly("1.3.0@production");
    assertThat(record.rollouts().get(0).outcome()).isNull();
  }
}
