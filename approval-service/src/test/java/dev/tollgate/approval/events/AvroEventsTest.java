package dev.tollgate.approval.events;

import static dev.tollgate.approval.support.Fixtures.ALICE;
import static dev.tollgate.approval.support.Fixtures.CI;
import static dev.tollgate.approval.support.Fixtures.STAGING;
import static dev.tollgate.approval.support.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.approval.deployment.domain.CommandResult;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentEvent;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.deployment.domain.RolloutStrategy;
import dev.tollgate.approval.deployment.domain.Step;
import dev.tollgate.approval.deployment.domain.StrategyKind;
import dev.tollgate.approval.support.Fixtures;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.ApprovalGranted;
import dev.tollgate.events.ApprovalRequested;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.PauseStep;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Domain events become the contract's Avro events, and survive the registry serde unchanged. */
class AvroEventsTest {

  final Clock clock = Clock.fixed(Instant.parse("2025-01-15T10:00:00.123Z"), ZoneOffset.UTC);
  final Map<String, String> serdeConfig = Map.of("schema.registry.url", "mock://avro-events-" + UUID.randomUUID());

  @Test
  void requestAndApprovalRoundTripThroughTheRegistrySerde() {
    var submission = Deployment.submit("d-1", request("staging", "key-1"), CI, STAGING, Intake.rest(), clock);
    Deployment deployment = submission.deployment();
    List<DeploymentEvent> events = new ArrayList<>(submission.events());
    events.addAll(((CommandResult.Accepted) deployment.approve(ALICE, "ship it", STAGING.policy(), clock)).events());

    List<OutboundEvent> outbound = events.stream().map(AvroEvents::toAvro).toList();
    assertThat(outbound).extracting(OutboundEvent::eventType)
        .containsExactly("DeploymentRequested", "ApprovalRequested", "ApprovalGranted", "DeploymentApproved");
    assertThat(outbound).extracting(o -> o.topic().name()).containsExactly(Topics.DEPLOYMENT_REQUESTS.name(),
        Topics.APPROVALS.name(), Topics.APPROVALS.name(), Topics.APPROVALS.name());
    assertThat(outbound).extracting(OutboundEvent::key).containsOnly("fraud-detector");

    DeploymentRequestEvent requestEvent = roundTrip((DeploymentRequestEvent) outbound.get(0).value());
    assertThat(requestEvent.getEnvelope().getEventId()).isEqualTo(deployment.requestEventId());
    assertThat(requestEvent.getEnvelope().getDeploymentId()).isEqualTo("d-1");
    assertThat(requestEvent.getEnvelope().getOccurredAt()).isEqualTo(Instant.parse("2025-01-15T10:00:00.123Z"));
    assertThat(requestEvent.getEnvelope().getEnvironment()).isEqualTo("staging");
    var requested = (DeploymentRequested) requestEvent.getPayload();
    assertThat(requested.getIdempotencyKey()).isEqualTo("key-1");
    assertThat(requested.getSource().getCommitAuthor()).isEqualTo("dave");
    assertThat(requested.getProfile().getReplicas()).isEqualTo(2);

    ApprovalEvent asked = roundTrip((ApprovalEvent) outbound.get(1).value());
    var approvalRequested = (ApprovalRequested) asked.getPayload();
    assertThat(approvalRequested.getPolicyVersion()).isEqualTo("staging-v1");
    assertThat(approvalRequested.getRequestedBy()).isEqualTo("ci:pipeline");
    assertThat(approvalRequested.getStrategy().getSteps()).containsExactly(
        SetWeightStep.newBuilder().setWeight(20).build(), PauseStep.newBuilder().setDurationSeconds(1L).build(),
        SetWeightStep.newBuilder().setWeight(50).build(), SetWeightStep.newBuilder().setWeight(100).build());
    assertThat(asked.getEnvelope().getCausationId()).isEqualTo(deployment.requestEventId());

    var granted = (ApprovalGranted) roundTrip((ApprovalEvent) outbound.get(2).value()).getPayload();
    assertThat(granted.getApprover()).isEqualTo("alice");
    assertThat(granted.getRoles()).containsExactly("approver");
    assertThat(granted.getReason()).isEqualTo("ship it");
    assertThat(granted.getEvaluation()).allSatisfy(r -> assertThat(r.getPassed()).isTrue());

    ApprovalEvent approvedEvent = roundTrip((ApprovalEvent) outbound.get(3).value());
    var approved = (DeploymentApproved) approvedEvent.getPayload();
    assertThat(approved.getApprovers()).containsExactly("alice");
    assertThat(approved.getArtifactDigest()).isEqualTo(Fixtures.DIGEST);
    assertThat(approved.getPolicyVersion()).isEqualTo("staging-v1");
    assertThat(approved.getProfile().getInstanceType()).isEqualTo("ml.g5");
    assertThat(AvroValues.strategy(approved.getStrategy())).isEqualTo(Fixtures.CANARY);
    assertThat(approvedEvent.getEnvelope().getActor()).isEqualTo("alice");
  }

  @Test
  void everyStepKindMapsBothWays() {
    RolloutStrategy strategy = new RolloutStrategy(StrategyKind.BLUE_GREEN, List.of(
        new Step.Preview(3), new Step.Analysis(new Step.Thresholds(0.01, 250.0, null, Map.of("drift", 0.2), 50),
            15, 4, 1),
        new Step.Gate("widen"), new Step.Switch(), new Step.ScaleDown(600), new Step.Pause(null),
        new Step.Experiment(30, 3600, "error_rate", 0.05, true), new Step.SetWeight(0)));

    var avro = roundTripStrategy(AvroValues.strategy(strategy));

    assertThat(AvroValues.strategy(avro)).isEqualTo(strategy);
  }

  @Test
  void governanceEventsRoundTripWithBreakGlassAndGateFields() {
    var frozen = new dev.tollgate.approval.deployment.domain.EnvironmentSettings("staging",
        STAGING.policy().withFreezes(new dev.tollgate.approval.policy.FreezeCalendar(List.of(
            new dev.tollgate.approval.policy.FreezeWindow.Period("freeze", java.time.LocalDateTime.parse("2025-01-01T00:00"),
                java.time.LocalDateTime.parse("2025-02-01T00:00"), ZoneOffset.UTC)))), Fixtures.DEFAULT);
    Deployment deployment = Deployment.submit("d-1", request("staging", null), CI, frozen, Intake.rest(), clock)
        .deployment();
    List<DeploymentEvent> events = new ArrayList<>(((CommandResult.Accepted) deployment.approve(Fixtures.ADMIN,
        "hotfix", true, frozen.policy(), clock)).events());
    events.addAll(((CommandResult.Accepted) deployment.comment(Fixtures.OLIVIA, "watching", clock)).events());
    var header = new dev.tollgate.approval.deployment.domain.EventHeader(UUID.randomUUID(), clock.instant(), "bob",
        "d-1", "fraud-detector", "1.4.0", "production", "evt-gate");
    var verdict = new dev.tollgate.approval.policy.PolicyEvaluation("production-v1", List.of(
        new dev.tollgate.approval.policy.RuleResult("required-group:sre", true, "approved from group sre by bob")));
    events.add(new DeploymentEvent.GateApproved(header, "widen", 2, List.of("alice", "bob"), "production-v1",
        List.of("approver"), verdict));
    events.add(new DeploymentEvent.GateRejected(header, "widen", 3, "bob", "too many errors", List.of("approver"),
        verdict));
    events.add(new DeploymentEvent.ApprovalWithdrawn(header, "ci:pipeline", null, List.of("ci")));
    events.add(new DeploymentEvent.ApprovalExpired(header, null));
    events.add(new DeploymentEvent.DeploymentSuperseded(header, "d-2", "1.5.0"));
    events.add(new DeploymentEvent.GateApprovalGranted(header, "widen", 2, "bob", List.of("approver"),
        "sha256:" + "ab".repeat(32), "production-v1", "error rate flat", verdict));

    List<Object> payloads = events.stream().map(AvroEvents::toAvro)
        .map(o -> roundTrip((ApprovalEvent) o.value()).getPayload()).toList();

    assertThat(((ApprovalGranted) payloads.get(0)).getBreakGlass()).isTrue();
    assertThat(((ApprovalGranted) payloads.get(0)).getReason()).isEqualTo("hotfix");
    assertThat(((DeploymentApproved) payloads.get(1)).getBreakGlass()).isTrue();
    assertThat(((dev.tollgate.events.ApprovalCommented) payloads.get(2)).getComment()).isEqualTo("watching");
    var gate = (dev.tollgate.events.GateApproved) payloads.get(3);
    assertThat(gate.getGate()).isEqualTo("widen");
    assertThat(gate.getStepIndex()).isEqualTo(2);
    assertThat(gate.getApprovers()).containsExactly("alice", "bob");
    assertThat(gate.getRoles()).containsExactly("approver");
    assertThat(gate.getEvaluation()).singleElement().satisfies(r -> assertThat(r.getRule()).isEqualTo("required-group:sre"));
    var gateRejected = (dev.tollgate.events.GateRejected) payloads.get(4);
    assertThat(gateRejected.getReason()).isEqualTo("too many errors");
    assertThat(gateRejected.getRoles()).containsExactly("approver");
    assertThat(gateRejected.getEvaluation()).hasSize(1);
    assertThat(((dev.tollgate.events.ApprovalWithdrawn) payloads.get(5)).getWithdrawnBy()).isEqualTo("ci:pipeline");
    assertThat(((dev.tollgate.events.ApprovalWithdrawn) payloads.get(5)).getRoles()).containsExactly("ci");
    assertThat(((dev.tollgate.events.ApprovalExpired) payloads.get(6)).getApprover()).isNull();
    assertThat(((dev.tollgate.events.DeploymentSuperseded) payloads.get(7)).getSupersededByDeploymentId())
        .isEqualTo("d-2");
    var vote = (dev.tollgate.events.GateApprovalGranted) payloads.get(8);
    assertThat(vote.getApprover()).isEqualTo("bob");
    assertThat(vote.getReason()).isEqualTo("error rate flat");
    assertThat(vote.getEvaluation().get(0).getMessage()).isEqualTo("approved from group sre by bob");
  }

  private dev.tollgate.events.RolloutStrategy roundTripStrategy(dev.tollgate.events.RolloutStrategy strategy) {
    var envelope = AvroEvents.envelope(new dev.tollgate.approval.deployment.domain.EventHeader(UUID.randomUUID(),
        clock.instant(), "ci", "d", "m", "1", "staging", null));
    var event = ApprovalEvent.newBuilder().setEnvelope(envelope).setPayload(ApprovalRequested.newBuilder()
        .setArtifactDigest(Fixtures.DIGEST).setPolicyVersion("v").setStrategy(strategy)
        .setProfile(AvroValues.profile(request("staging", null).profile())).setRequestedBy("ci").build()).build();
    return ((ApprovalRequested) roundTrip(event).getPayload()).getStrategy();
  }

  private <T extends org.apache.avro.specific.SpecificRecord> T roundTrip(T value) {
    @SuppressWarnings("unchecked")
    var topic = (dev.tollgate.schemas.topic.Topic<String, T>) (value instanceof ApprovalEvent
        ? Topics.APPROVALS : Topics.DEPLOYMENT_REQUESTS);
    try (var serde = topic.valueSerde(serdeConfig)) {
      byte[] bytes = serde.serializer().serialize(topic.name(), value);
      assertThat(bytes[0]).isZero(); // Confluent wire format: magic byte, then the schema id
      return serde.deserializer().deserialize(topic.name(), bytes);
    }
  }
}
