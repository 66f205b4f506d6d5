package dev.tollgate.audit.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.audit.decisions.DecisionRepository;
import dev.tollgate.audit.handoff.document.HandoffMarkdown;
import dev.tollgate.audit.handoff.document.HandoffRecord;
import dev.tollgate.audit.support.Events;
import dev.tollgate.audit.support.TestDatabase;
import dev.tollgate.audit.support.TrailFixture;
import dev.tollgate.events.AnalysisPassed;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.ApprovalGranted;
import dev.tollgate.events.ApprovalRequested;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthStats;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPromoted;
import dev.tollgate.events.RolloutStarted;
import dev.tollgate.events.RuleEvaluation;
import dev.tollgate.events.StepStarted;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handoff record read from a real trail: events appended through the ingest path (so the JSON
 * the assembler reads is what the ingest writes), then the repository, assembler and renderer.
 */
class HandoffRecordFromTrailTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String OLD_DIGEST = "sha256:" + "cd".repeat(32);
  @RegisterExtension
  static final TestDatabase db = new TestDatabase();
  private static HandoffRepository repository;
  private static DecisionRepository decisions;

  @BeforeAll
  static void recordTrail() {
    repository = new HandoffRepository(db.jdbc());
    decisions = new DecisionRepository(db.jdbc());
    Events events = new Events();
    TrailFixture trail = new TrailFixture(db, events, Clock.fixed(T0, ZoneOffset.UTC));
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long offset = 0;
    // 1.3.0, the known-good version, was requested and promoted an hour earlier
    var oldRequest = Events.requested(envelope("o-1", T0.minusSeconds(3600), "dep-old", "1.3.0"));
    ((dev.tollgate.events.DeploymentRequested) oldRequest.getPayload()).setArtifactDigest(OLD_DIGEST);
    records.add(events.record(Topics.DEPLOYMENT_REQUESTS, 0, offset++, oldRequest));
    records.add(events.record(Topics.ROLLOUTS, 0, offset++,
        new RolloutEvent(envelope("o-2", T0.minusSeconds(3000), "dep-old", "1.3.0"), new RolloutPromoted(null))));
    // 1.4.0: requested, approved by alice with a hostile comment, rolled out with an analysis, promoted
    records.add(events.record(Topics.DEPLOYMENT_REQUESTS, 0, offset++,
        Events.requested(envelope("q-1", T0, "dep-1", "1.4.0"))));
    records.add(events.record(Topics.APPROVALS, 0, offset++, new ApprovalEvent(envelope("a-0", T0.plusSeconds(1),
        "dep-1", "1.4.0"), ApprovalRequested.newBuilder().setArtifactDigest(Events.DIGEST).setPolicyVersion("staging-v3")
        .setStrategy(Events.canary()).setProfile(Events.profile()).setRequestedBy("ci:pipeline").setExpiresAt(null)
        .build())));
    List<RuleEvaluation> rules = List.of(new RuleEvaluation("required-approvals", true, "1 of 1 approvals"),
        new RuleEvaluation("no-self-approval", true, "alice is neither requester nor commit author"));
    records.add(events.record(Topics.APPROVALS, 0, offset++, new ApprovalEvent(
        actor(envelope("a-1", T0.plusSeconds(2), "dep-1", "1.4.0"), "alice"),
        ApprovalGranted.newBuilder().setApprover("alice").setRoles(List.of("approver", "ml-lead"))
            .setArtifactDigest(Events.DIGEST).setPolicyVersion("staging-v3")
            .setReason("looks good\n# Injected heading\n| a | b |").setEvaluation(rules).build())));
    records.add(events.record(Topics.APPROVALS, 0, offset++, new ApprovalEvent(
        envelope("a-2", T0.plusSeconds(2), "dep-1", "1.4.0"), DeploymentApproved.newBuilder()
        .setArtifactDigest(Events.DIGEST).setPolicyVersion("staging-v3").setApprovers(List.of("alice"))
        .setStrategy(Events.canary()).setProfile(Events.profile()).setEvaluation(rules).build())));
    records.add(rollout(events, offset++, "r-1", 3, new RolloutStarted(Events.canary(), "1.3.0", Events.DIGEST)));
    records.add(rollout(events, offset++, "r-2", 4, new StepStarted(0, "setWeight")));
    HealthStats candidate = new HealthStats("1.4.0", 12L, 240L, 3L, 0.0125, 180.0, Map.of("auc", 0.91));
    HealthStats baseline = new HealthStats("1.3.0", 12L, 960L, 10L, 0.0104, 150.0, Map.of());
    records.add(rollout(events, offset++, "r-3", 5,
        new AnalysisPassed(1, candidate, baseline, "error rate 1.25 % <= 5 %, p99 180 ms <= 500 ms")));
    records.add(rollout(events, offset++, "r-4", 6, new RolloutPromoted("1.3.0")));
    trail.append(records);
  }

  private static Envelope envelope(String id, Instant at, String deploymentId, String version) {
    return Events.envelope(id, at, deploymentId, version);
  }

  private static Envelope actor(Envelope envelope, String actor) {
    envelope.setActor(actor);
    return envelope;
  }

  private static ConsumerRecord<byte[], byte[]> rollout(Events events, long offset, String id, int second,
      Object payload) {
    return events.record(Topics.ROLLOUTS, 0, offset,
        new RolloutEvent(actor(envelope(id, T0.plusSeconds(second), "dep-1", "1.4.0"), "system:rollout-service"),
            payload));
  }

  private HandoffRecord record(String version) {
    Instant now = T0.plusSeconds(60);
    List<HandoffRecord.Live> live = new ArrayList<>();
    for (String environment : repository.environments("fraud-detector")) {
      decisions.liveAt("fraud-detector", environment, now).ifPresent(l -> live.add(
          new HandoffRecord.Live(environment, l.modelVersion(), l.since(), l.deploymentId(), l.decidedByEventType())));
    }
    return HandoffAssembler.assemble("fraud-detector", version, repository.events("fraud-detector", version), live,
        (v, env) -> repository.lastRequest("fraud-detector", v, env), now);
  }

  @Test
  void theRecordHoldsRequestApprovalsRolloutAndWhatIsLive() {
    HandoffRecord record = record("1.4.0");

    assertThat(record.eventCount()).isEqualTo(8);
    assertThat(record.overview().environments()).containsExactly("staging");
    assertThat(record.overview().requestedBy()).isEqualTo("ci:pipeline");
    assertThat(record.overview().requestedAt()).isEqualTo(T0);
    assertThat(record.artifact()).isEqualTo(new HandoffRecord.Artifact(Events.DIGEST, "9f2c1e7", "dave",
        "https://ci.example/run/42"));
    assertThat(record.profile()).isEqualTo(new HandoffRecord.Profile("ml.g5", "xlarge", 2, "eu-west-1", null));

    assertThat(record.approvals()).singleElement().satisfies(round -> {
      assertThat(round.policyVersion()).isEqualTo("staging-v3");
      assertThat(round.outcome()).isEqualTo("DeploymentApproved");
      assertThat(round.evaluation()).extracting(HandoffRecord.Rule::rule)
          .containsExactly("required-approvals", "no-self-approval");
      assertThat(round.decisions()).singleElement().satisfies(d -> {
        assertThat(d.person()).isEqualTo("alice");
        assertThat(d.roles()).containsExactly("approver", "ml-lead");
        assertThat(d.decision()).isEqualTo("approved");
        assertThat(d.reason()).startsWith("looks good\n# Injected");
        assertThat(d.at()).isEqualTo(T0.plusSeconds(2));
      });
    });

    assertThat(record.rollouts()).singleElement().satisfies(rollout -> {
      assertThat(rollout.baselineVersion()).isEqualTo("1.3.0");
      assertThat(rollout.outcome()).isEqualTo("RolloutPromoted");
      assertThat(rollout.previousVersion()).isEqualTo("1.3.0");
      assertThat(rollout.steps()).extracting(HandoffRecord.Step::event)
          .containsExactly("RolloutStarted", "StepStarted", "AnalysisPassed", "RolloutPromoted");
      HandoffRecord.Step analysis = rollout.steps().get(2);
      assertThat(analysis.stepIndex()).isEqualTo(1);
      assertThat(analysis.candidate().errorRate()).isEqualTo(0.0125);
      assertThat(analysis.candidate().requestCount()).isEqualTo(240);
      assertThat(analysis.candidate().customMetrics()).containsEntry("auc", 0.91);
      assertThat(analysis.baseline().p99LatencyMs()).isEqualTo(150.0);
    });
    assertThat(record.rollbacks()).isEmpty();

    assertThat(record.liveNow()).singleElement().satisfies(live -> {
      assertThat(live.environment()).isEqualTo("staging");
      assertThat(live.version()).isEqualTo("1.4.0");
      assertThat(live.since()).isEqualTo(T0.plusSeconds(6));
    });
    assertThat(record.rollbackPlans()).singleElement().satisfies(plan -> {
      assertThat(plan.activeDeploymentId()).isNull();
      assertThat(plan.lastKnownGood()).isEqualTo("1.3.0");
      assertThat(plan.knownGoodRequest().deploymentId()).isEqualTo("dep-old");
      assertThat(plan.knownGoodRequest().artifact().digest()).isEqualTo(OLD_DIGEST);
    });
  }

  @Test
  void theRenderedRecordRedeploysTheKnownGoodDigestAndEscapesTheComment() {
    String markdown = HandoffMarkdown.render(record("1.4.0"),
        new HandoffRecord.Endpoints("http://approval:8080", "http://rollout:8080"));

    assertThat(markdown).contains("\"modelVersion\": \"1.3.0\"").contains(OLD_DIGEST)
        .contains("curl -s -X POST 'http://approval:8080/api/v1/deployments'")
        .contains("looks good \\# Injected heading \\| a \\| b \\|");
    assertThat(markdown.lines()).noneMatch(line -> line.startsWith("# Injected"));
  }

  @Test
  void anUnseenVersionHasNoEvents() {
    assertThat(repository.events("fraud-detector", "9.9.9")).isEmpty();
    assertThat(repository.events("other-model", "1.4.0")).isEmpty();
  }
}
