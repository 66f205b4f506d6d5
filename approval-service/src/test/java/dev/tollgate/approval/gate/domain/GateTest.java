package dev.tollgate.approval.gate.domain;

import static dev.tollgate.approval.support.Fixtures.ALICE;
import static dev.tollgate.approval.support.Fixtures.BOB;
import static dev.tollgate.approval.support.Fixtures.CAROL;
import static dev.tollgate.approval.support.Fixtures.CI;
import static dev.tollgate.approval.support.Fixtures.DAVE;
import static dev.tollgate.approval.support.Fixtures.DEFAULT;
import static dev.tollgate.approval.support.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.approval.deployment.domain.CommandResult;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.GateApprovalGranted;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.GateApproved;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.GateRejected;
import dev.tollgate.approval.deployment.domain.EnvironmentSettings;
import dev.tollgate.approval.deployment.domain.EnvironmentSettings.GateQuorum;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.deployment.domain.PromotionOrder;
import dev.tollgate.approval.deployment.domain.Refusal;
import dev.tollgate.approval.policy.ApprovalPolicy;
import dev.tollgate.approval.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTest {

  final MutableClock clock = new MutableClock(Instant.parse("2025-03-12T09:00:00Z"));
  final EnvironmentSettings production = new EnvironmentSettings("production",
      ApprovalPolicy.of("production", "production-v1", 2, "approver", List.of("ml-lead", "sre"))
          .withApprovalTtl(Duration.ofHours(24)),
      DEFAULT, PromotionOrder.NONE, Map.of("widen", new GateQuorum(2, List.of("sre"))));
  final Deployment deployment = Deployment.submit("d-1", request("production", null), CI, production, Intake.rest(),
      clock).deployment();

  Gate widen() {
    return Gate.requested("d-1", "widen", 2, 10, clock.instant(), "evt-gate");
  }

  @Test
  void aGateOpensOnItsOwnQuorum() {
    Gate gate = widen();
    ApprovalPolicy policy = production.gatePolicy("widen");

    var first = (CommandResult.Accepted) gate.approve(deployment, ALICE, "looks healthy", policy, clock);
    assertThat(first.events()).as("every vote is announced, with the verdict after it").singleElement()
        .isInstanceOfSatisfying(GateApprovalGranted.class, e -> {
          assertThat(e.approver()).isEqualTo("alice");
          assertThat(e.roles()).containsExactly("approver");
          assertThat(e.comment()).isEqualTo("looks healthy");
          assertThat(e.evaluation().allowed()).isFalse();
          assertThat(e.evaluation().summary()).contains("needs 1 more approval from group sre");
        });
    assertThat(gate.status()).isEqualTo(GateStatus.PENDING);
    assertThat(gate.evaluate(deployment, policy, clock.instant()).summary())
        .isEqualTo("needs 1 more approval by role approver (has 1 of 2); needs 1 more approval from group sre");

    var second = (CommandResult.Accepted) gate.approve(deployment, BOB, null, policy, clock);
    assertThat(second.events()).hasSize(2).first().isInstanceOf(GateApprovalGranted.class);
    assertThat(second.events().get(1)).isInstanceOfSatisfying(GateApproved.class, e -> {
      assertThat(e.roles()).containsExactly("approver");
      assertThat(e.evaluation().allowed()).isTrue();
      assertThat(e.gate()).isEqualTo("widen");
      assertThat(e.stepIndex()).isEqualTo(2);
      assertThat(e.approvers()).containsExactly("alice", "bob");
      assertThat(e.policyVersion()).isEqualTo("production-v1");
      assertThat(e.header().deploymentId()).isEqualTo("d-1");
      assertThat(e.header().modelName()).isEqualTo("fraud-detector");
      assertThat(e.header().causationId()).isEqualTo("evt-gate");
    });
    assertThat(gate.status()).isEqualTo(GateStatus.APPROVED);
    assertThat(((CommandResult.Refused) gate.approve(deployment, CAROL, null, policy, clock)).refusal())
        .isInstanceOf(Refusal.GateClosed.class);
  }

  @Test
  void anUnlistedGateNeedsOneApproverAndNoSelfApproval() {
    Gate gate = Gate.requested("d-1", "switch", 4, 0, clock.instant(), "evt-2");
    ApprovalPolicy policy = production.gatePolicy("switch");
    // dave authored the commit
    assertThat(((CommandResult.Refused) gate.approve(deployment, DAVE, null, policy, clock)).refusal())
        .isInstanceOf(Refusal.SelfApproval.class);
    assertThat(gate.approve(deployment, CAROL, null, policy, clock)).isInstanceOfSatisfying(
        CommandResult.Accepted.class, a -> assertThat(a.events()).last().isInstanceOf(GateApproved.class));
  }

  @Test
  void expiredGateVotesStopCounting() {
    Gate gate = widen();
    ApprovalPolicy policy = production.gatePolicy("widen");
    gate.approve(deployment, ALICE, null, policy, clock);
    clock.advance(Duration.ofHours(25));
    var bob = (CommandResult.Accepted) gate.approve(deployment, BOB, null, policy, clock);
    assertThat(bob.events()).singleElement().isInstanceOfSatisfying(GateApprovalGranted.class,
        e -> assertThat(e.evaluation().results()).anyMatch(r -> r.message().contains("approval by alice expired")));
    assertThat(gate.status()).isEqualTo(GateStatus.PENDING);
  }

  @Test
  void oneRejectionClosesTheGateAndAReaskAnnouncesItAgain() {
    Gate gate = widen();
    ApprovalPolicy policy = production.gatePolicy("widen");
    var rejected = (CommandResult.Accepted) gate.reject(deployment, BOB, "error rate too high", policy, clock);
    assertThat(rejected.events()).singleElement().isInstanceOfSatisfying(GateRejected.class, e -> {
      assertThat(e.rejectedBy()).isEqualTo("bob");
      assertThat(e.reason()).isEqualTo("error rate too high");
      assertThat(e.roles()).containsExactly("approver");
      assertThat(e.evaluation().results()).isNotEmpty();
    });
    assertThat(gate.status()).isEqualTo(GateStatus.REJECTED);
    assertThat(gate.reannounce(deployment, policy, clock)).singleElement().isInstanceOf(GateRejected.class);
    assertThat(gate.abandon(clock)).isFalse();
  }
}
