package dev.tollgate.approval.deployment.domain;

import static dev.tollgate.approval.support.Fixtures.ALICE;
import static dev.tollgate.approval.support.Fixtures.BOB;
import static dev.tollgate.approval.support.Fixtures.CAROL;
import static dev.tollgate.approval.support.Fixtures.CI;
import static dev.tollgate.approval.support.Fixtures.DAVE;
import static dev.tollgate.approval.support.Fixtures.OLIVIA;
import static dev.tollgate.approval.support.Fixtures.PRODUCTION;
import static dev.tollgate.approval.support.Fixtures.STAGING;
import static dev.tollgate.approval.support.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalGranted;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalRejected;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalRequested;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentApproved;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentRejected;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentRequested;
import dev.tollgate.approval.support.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentTest {

  final Clock clock = Clock.fixed(Instant.parse("2025-01-15T10:00:00.123456Z"), ZoneOffset.UTC);

  Deployment submitted(EnvironmentSettings environment) {
    return Deployment.submit("d-1", request(environment.name(), "key-1"), CI, environment, Intake.rest(), clock)
        .deployment();
  }

  @Test
  void restIntakeAnnouncesTheRequestAndAsksForApproval() {
    var submission = Deployment.submit("d-1", request("staging", "key-1"), CI, STAGING, Intake.rest(), clock);

    assertThat(submission.deployment().status()).isEqualTo(DeploymentStatus.PENDING_APPROVAL);
    assertThat(submission.deployment().policyVersion()).isEqualTo("staging-v1");
    assertThat(submission.events()).hasSize(2);
    var requested = (DeploymentRequested) submission.events().get(0);
    var approvalRequested = (ApprovalRequested) submission.events().get(1);
    assertThat(requested.header().eventId().toString()).isEqualTo(submission.deployment().requestEventId());
    assertThat(approvalRequested.header().causationId()).isEqualTo(requested.header().eventId().toString());
    assertThat(approvalRequested.strategy()).isEqualTo(Fixtures.CANARY);
    assertThat(approvalRequested.header().occurredAt()).isEqualTo(Instant.parse("2025-01-15T10:00:00.123Z"));
    assertThat(approvalRequested.header().actor()).isEqualTo("ci:pipeline");
  }

  @Test
  void topicIntakeDoesNotRepeatTheRequestAndUsesTheDefaultStrategy() {
    var request = new DeploymentRequest("m", "1", Fixtures.DIGEST, "staging", null, null,
        request("staging", null).profile(), null);
    var submission = Deployment.submit("ci-chosen", request, CI, STAGING, Intake.topic("evt-9"), clock);

    assertThat(submission.events()).singleElement().isInstanceOf(ApprovalRequested.class);
    var asked = (ApprovalRequested) submission.events().get(0);
    assertThat(asked.header().causationId()).isEqualTo("evt-9");
    assertThat(asked.strategy()).isEqualTo(Fixtures.DEFAULT);
    assertThat(submission.deployment().requestEventId()).isEqualTo("evt-9");
  }

  @Test
  void oneApprovalApprovesInStagingWithBothEventsBoundToDigestAndPolicy() {
    Deployment deployment = submitted(STAGING);

    var result = (CommandResult.Accepted) deployment.approve(ALICE, "lgtm", STAGING.policy(), clock);

    assertThat(deployment.status()).isEqualTo(DeploymentStatus.APPROVED);
    assertThat(result.events()).hasSize(2);
    var granted = (ApprovalGranted) result.events().get(0);
    var approved = (DeploymentApproved) result.events().get(1);
    assertThat(granted.approver()).isEqualTo("alice");
    assertThat(granted.comment()).isEqualTo("lgtm");
    assertThat(approved.approvers()).containsExactly("alice");
    assertThat(approved.artifactDigest()).isEqualTo(Fixtures.DIGEST);
    assertThat(approved.policyVersion()).isEqualTo("staging-v1");
    assertThat(approved.strategy()).isEqualTo(Fixtures.CANARY);
    assertThat(approved.header().causationId()).isEqualTo(granted.header().eventId().toString());
    assertThat(approved.evaluation().allowed()).isTrue();
  }

  @Test
  void productionNeedsMlLeadAndSre() {
    Deployment deployment = submitted(PRODUCTION);

    var first = (CommandResult.Accepted) deployment.approve(ALICE, null, PRODUCTION.policy(), clock);
    assertThat(first.events()).singleElement().isInstanceOf(ApprovalGranted.class);
    var second = (CommandResult.Accepted) deployment.approve(CAROL, null, PRODUCTION.policy(), clock);
    assertThat(second.events()).singleElement().isInstanceOf(ApprovalGranted.class);
    assertThat(deployment.evaluate(PRODUCTION.policy(), clock.instant()).summary()).isEqualTo("needs 1 more approval from group sre");

    var third = (CommandResult.Accepted) deployment.approve(BOB, null, PRODUCTION.policy(), clock);
    assertThat(third.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("ApprovalGranted", "DeploymentApproved");
    assertThat(deployment.status()).isEqualTo(DeploymentStatus.APPROVED);
  }

  @Test
  void refusesSelfApprovalDuplicatesNonApproversAndDecidedDeployments() {
    Deployment deployment = submitted(PRODUCTION);

    assertThat(deployment.approve(DAVE, null, PRODUCTION.policy(), clock))
        .isEqualTo(refusedAs(Refusal.SelfApproval.class, deployment, DAVE));
    assertThat(deployment.approve(OLIVIA, null, PRODUCTION.policy(), clock))
        .isEqualTo(refusedAs(Refusal.PolicyRefusal.class, deployment, OLIVIA));
    deployment.approve(ALICE, null, PRODUCTION.policy(), clock);
    assertThat(deployment.approve(ALICE, null, PRODUCTION.policy(), clock))
        .isEqualTo(refusedAs(Refusal.DuplicateApproval.class, deployment, ALICE));
    assertThat(deployment.approvals()).hasSize(1);

    deployment.approve(BOB, null, PRODUCTION.policy(), clock);
    var late = deployment.approve(CAROL, null, PRODUCTION.policy(), clock);
    assertThat(((CommandResult.Refused) late).refusal()).isInstanceOf(Refusal.AlreadyDecided.class);
    assertThat(deployment.reject(CAROL, "too late", PRODUCTION.policy(), clock).accepted()).isFalse();
  }

  private CommandResult refusedAs(Class<? extends Refusal> type, Deployment deployment, dev.tollgate.approval.policy.Actor actor) {
    CommandResult result = deployment.approve(actor, null, PRODUCTION.policy(), clock);
    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) result).refusal()).isInstanceOf(type);
    return result;
  }

  @Test
  void oneRejectionRejects() {
    Deployment deployment = submitted(PRODUCTION);
    deployment.approve(ALICE, null, PRODUCTION.policy(), clock);

    var result = (CommandResult.Accepted) deployment.reject(BOB, "error budget exhausted", PRODUCTION.policy(), clock);

    assertThat(deployment.status()).isEqualTo(DeploymentStatus.REJECTED);
    assertThat(result.events()).hasSize(2);
    assertThat(((ApprovalRejected) result.events().get(0)).reason()).isEqualTo("error budget exhausted");
    assertThat(((DeploymentRejected) result.events().get(1)).reason()).contains("bob", "error budget exhausted");
    assertThat(deployment.rejection()).get().extracting(d -> d.actor().name()).isEqualTo("bob");
    assertThat(deployment.approve(CAROL, null, PRODUCTION.policy(), clock).accepted()).isFalse();
  }

  @Test
  void cancelOnlyWhilePendingAndCausesNoEvent() {
    Deployment deployment = submitted(STAGING);
    assertThat(deployment.cancel("ci:pipeline", "superseded by 1.4.1"))
        .isEqualTo(new CommandResult.Accepted(List.of()));
    assertThat(deployment.status()).isEqualTo(DeploymentStatus.CANCELLED);
    assertThat(deployment.cancel("ci:pipeline", "again").accepted()).isFalse();
  }

  @Test
  void settingsMustMatchTheRequestedEnvironment() {
    assertThatThrownBy(() -> Deployment.submit("d", request("production", null), CI, STAGING, Intake.rest(), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
