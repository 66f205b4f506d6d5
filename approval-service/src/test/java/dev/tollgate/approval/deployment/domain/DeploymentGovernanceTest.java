package dev.tollgate.approval.deployment.domain;

import static dev.tollgate.approval.support.Fixtures.ADMIN;
import static dev.tollgate.approval.support.Fixtures.ALICE;
import static dev.tollgate.approval.support.Fixtures.BOB;
import static dev.tollgate.approval.support.Fixtures.CAROL;
import static dev.tollgate.approval.support.Fixtures.CI;
import static dev.tollgate.approval.support.Fixtures.DEFAULT;
import static dev.tollgate.approval.support.Fixtures.OLIVIA;
import static dev.tollgate.approval.support.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalCommented;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalExpired;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalGranted;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalRequested;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.ApprovalWithdrawn;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentApproved;
import dev.tollgate.approval.deployment.domain.DeploymentEvent.DeploymentSuperseded;
import dev.tollgate.approval.policy.ApprovalPolicy;
import dev.tollgate.approval.policy.FreezeCalendar;
import dev.tollgate.approval.policy.FreezeWindow;
import dev.tollgate.approval.policy.PolicyEvaluation;
import dev.tollgate.approval.policy.RuleResult;
import dev.tollgate.approval.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expiry, policy versions, freeze windows with break-glass, withdraw, comment and supersede. */
class DeploymentGovernanceTest {

  static final Instant START = Instant.parse("2025-03-12T09:00:00Z"); // a Wednesday
  static final ApprovalPolicy PRODUCTION_V1 = ApprovalPolicy.of("production", "production-v1", 2, "approver",
      List.of("ml-lead", "sre")).withApprovalTtl(Duration.ofHours(24)).withRequestTtl(Duration.ofDays(7));
  static final ApprovalPolicy STAGING = ApprovalPolicy.of("staging", "staging-v1", 1, "approver", List.of());
  static final FreezeCalendar ALL_WEEK_FROM_START = new FreezeCalendar(List.of(new FreezeWindow.Period("release-freeze",
      LocalDateTime.parse("2025-03-12T00:00"), LocalDateTime.parse("2025-03-20T00:00"), ZoneId.of("UTC"))));

  final MutableClock clock = new MutableClock(START);

  Deployment submitted(ApprovalPolicy policy) {
    var settings = new EnvironmentSettings(policy.environment(), policy, DEFAULT);
    return Deployment.submit("d-1", request(policy.environment(), "key-1"), CI, settings, Intake.rest(), clock)
        .deployment();
  }

  static String rule(PolicyEvaluation evaluation, String id) {
    return evaluation.results().stream().filter(r -> r.rule().equals(id)).map(RuleResult::message).findFirst()
        .orElseThrow();
  }

  @Test
  void anApprovalOlderThanTheApprovalTtlStopsCountingAndSaysSo() {
    Deployment deployment = submitted(PRODUCTION_V1);
    deployment.approve(ALICE, null, PRODUCTION_V1, clock);
    clock.advance(Duration.ofHours(25));

    var bob = (CommandResult.Accepted) deployment.approve(BOB, null, PRODUCTION_V1, clock);

    assertThat(bob.events()).singleElement().isInstanceOf(ApprovalGranted.class);
    assertThat(deployment.status()).isEqualTo(DeploymentStatus.PENDING_APPROVAL);
    PolicyEvaluation evaluation = deployment.evaluate(PRODUCTION_V1, clock.instant());
    assertThat(rule(evaluation, "approvals-current"))
        .contains("approval by alice expired at 2025-03-13T09:00:00Z; it no longer counts");
    assertThat(evaluation.failures()).extracting(RuleResult::message)
        .containsExactly("needs 1 more approval by role approver (has 1 of 2)", "needs 1 more approval from group ml-lead");

    // alice may approve again: her old approval no longer counts as hers
    var again = (CommandResult.Accepted) deployment.approve(ALICE, "still good", PRODUCTION_V1, clock);
    assertThat(again.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("ApprovalGranted", "DeploymentApproved");
    assertThat(((DeploymentApproved) again.events().get(1)).approvers()).containsExactly("bob", "alice");
  }

  @Test
  void approvalsUnderAnEarlierPolicyVersionStopCounting() {
    Deployment deployment = submitted(PRODUCTION_V1);
    deployment.approve(ALICE, null, PRODUCTION_V1, clock);
    ApprovalPolicy v2 = ApprovalPolicy.of("production", "production-v2", 2, "approver", List.of("ml-lead", "sre"));

    var bob = (CommandResult.Accepted) deployment.approve(BOB, null, v2, clock);

    assertThat(bob.events()).singleElement().isInstanceOf(ApprovalGranted.class);
    assertThat(((ApprovalGranted) bob.events().get(0)).policyVersion()).isEqualTo("production-v2");
    assertThat(rule(deployment.evaluate(v2, clock.instant()), "approvals-current"))
        .isEqualTo("approval by alice was given under policy production-v1; policy production-v2 is in force,"
            + " so it does not count");
    // under the version it was given in, it still counts
    assertThat(deployment.evaluate(PRODUCTION_V1, clock.instant()).allowed()).isFalse();
    assertThat(deployment.approve(CAROL, null, v2, clock).accepted()).isTrue();
    assertThat(deployment.status()).isEqualTo(DeploymentStatus.APPROVED);
  }

  @Test
  void aPendingRequestExpiresAfterTheRequestTtl() {
    Deployment deployment = submitted(PRODUCTION_V1);
    clock.advance(Duration.ofDays(7).minusMillis(1));
    assertThat(((CommandResult.Accepted) deployment.expire(PRODUCTION_V1, clock)).events()).isEmpty();
    assertThat(deployment.status()).isEqualTo(DeploymentStatus.PENDING_APPROVAL);

    clock.advance(Duration.ofMillis(1));
    // not swept yet: decisions are refused already
    var late = deployment.approve(ALICE, null, PRODUCTION_V1, clock);
    assertThat(((CommandResult.Refused) late).refusal()).isInstanceOfSatisfying(Refusal.Expired.class,
        r -> assertThat(r.expiredAt()).isEqualTo(START.plus(Duration.ofDays(7))));

    var expired = (CommandResult.Accepted) deployment.expire(PRODUCTION_V1, clock);
    assertThat(expired.events()).singleElement().isInstanceOfSatisfying(ApprovalExpired.class, e -> {
      assertThat(e.approver()).isNull();
      assertThat(e.header().actor()).isEqualTo("system:approval-service");
    });
    assertThat(deployment.status()).isEqualTo(DeploymentStatus.EXPIRED);
    assertThat(((CommandResult.Accepted) deployment.expire(PRODUCTION_V1, clock)).events()).isEmpty();
  }

  @Test
  void theRequestAnnouncesWhenItExpires() {
    var settings = new EnvironmentSettings("production", PRODUCTION_V1, DEFAULT);
    var submission = Deployment.submit("d-1", request("production", null), CI, settings, Intake.rest(), clock);
    assertThat(submission.events()).filteredOn(e -> e instanceof ApprovalRequested).singleElement()
        .extracting(e -> ((ApprovalRequested) e).expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
  }

  @Test
  void duringAFreezeTheApprovalThatWouldReachQuorumIsRefused() {
    ApprovalPolicy frozen = PRODUCTION_V1.withRequestTtl(null).withFreezes(ALL_WEEK_FROM_START);
    Deployment deployment = submitted(frozen);

    assertThat(deployment.approve(ALICE, null, frozen, clock).accepted()).isTrue();
    assertThat(rule(deployment.evaluate(frozen, clock.instant()), "freeze"))
        .isEqualTo("production is frozen until 2025-03-20T00:00:00Z[UTC] (release-freeze)");

    var bob = (CommandResult.Refused) deployment.approve(BOB, null, frozen, clock);
    assertThat(bob.refusal()).isInstanceOfSatisfying(Refusal.Frozen.class, r -> {
      assertThat(r.until()).isEqualTo(Instant.parse("2025-03-20T00:00:00Z"));
      assertThat(r.message()).startsWith("production is frozen until 2025-03-20T00:00:00Z[UTC]");
    });
    assertThat(deployment.approvals()).hasSize(1);

    clock.advance(Duration.ofDays(8));
    assertThat(deployment.approve(BOB, null, frozen, clock).accepted()).isTrue();
    assertThat(deployment.status()).isEqualTo(DeploymentStatus.PENDING_APPROVAL)
        .as("alice's approval expired meanwhile");
  }

  @Test
  void anAdminBreaksTheGlassWithAReasonAndEveryEventSaysSo() {
    ApprovalPolicy frozen = STAGING.withFreezes(ALL_WEEK_FROM_START);
    Deployment deployment = submitted(frozen);
    assertThat(((CommandResult.Refused) deployment.approve(ALICE, null, frozen, clock)).refusal())
        .isInstanceOf(Refusal.Frozen.class);

    assertThat(((CommandResult.Refused) deployment.approve(ALICE, "urgent", true, frozen, clock)).refusal())
        .isInstanceOf(Refusal.NotPermitted.class);
    assertThat(((CommandResult.Refused) deployment.approve(ADMIN, " ", true, frozen, clock)).refusal())
        .isInstanceOfSatisfying(Refusal.PolicyRefusal.class, r -> assertThat(r.rule()).isEqualTo("break-glass"));
    // an admin's plain approval is not an approver's
    assertThat(((CommandResult.Refused) deployment.approve(ADMIN, null, frozen, clock)).refusal())
        .isInstanceOf(Refusal.PolicyRefusal.class);

    var glass = (CommandResult.Accepted) deployment.approve(ADMIN, "CVE-2025-1234 hotfix", true, frozen, clock);

    assertThat(glass.events()).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("ApprovalGranted", "DeploymentApproved");
    var granted = (ApprovalGranted) glass.events().get(0);
    assertThat(granted.breakGlass()).isTrue();
    assertThat(granted.comment()).isEqualTo("CVE-2025-1234 hotfix");
    var approved = (DeploymentApproved) glass.events().get(1);
    assertThat(approved.breakGlass()).isTrue();
    assertThat(rule(approved.evaluation(), "freeze")).contains("overridden by break-glass approval of admin");
  }

  @Test
  void breakGlassLiftsTheFreezeButNotTheQuorum() {
    ApprovalPolicy frozen = PRODUCTION_V1.withFreezes(ALL_WEEK_FROM_START);
    Deployment deployment = submitted(frozen);
    deployment.approve(ALICE, null, frozen, clock);

    var glass = (CommandResult.Accepted) deployment.approve(ADMIN, "hotfix", true, frozen, clock);
    assertThat(glass.events()).singleElement().isInstanceOf(ApprovalGranted.class);
    assertThat(deployment.evaluate(frozen, clock.instant()).failures()).extracting(RuleResult::message)
        .containsExactly("needs 1 more approval from group sre");

    var bob = (CommandResult.Accepted) deployment.approve(BOB, null, frozen, clock);
    var approved = (DeploymentApproved) bob.events().get(1);
    assertThat(approved.breakGlass()).isTrue();
    assertThat(approved.approvers()).containsExactly("alice", "admin", "bob");
  }

  @Test
  void breakGlassOutsideAFreezeIsRefused() {
    Deployment deployment = submitted(STAGING);
    var refused = (CommandResult.Refused) deployment.approve(ADMIN, "because", true, STAGING, clock);
    assertThat(refused.refusal()).isInstanceOfSatisfying(Refusal.PolicyRefusal.class,
        r -> assertThat(r.message()).contains("staging is not frozen"));
  }

  @Test
  void theRequesterOrAnAdminWithdraws() {
    Deployment deployment = submitted(STAGING);
    assertThat(((CommandResult.Refused) deployment.withdraw(ALICE, "mine now", clock)).refusal())
        .isInstanceOf(Refusal.NotPermitted.class);
    assertThat(((CommandResult.Refused) deployment.withdraw(new dev.tollgate.approval.policy.Actor("ci:other",
        java.util.Set.of("ci"), java.util.Set.of()), null, clock)).refusal()).isInstanceOf(Refusal.NotPermitted.class);

    var withdrawn = (CommandResult.Accepted) deployment.withdraw(CI, "wrong artifact", clock);
    assertThat(withdrawn.events()).singleElement().isInstanceOfSatisfying(ApprovalWithdrawn.class, e -> {
      assertThat(e.withdrawnBy()).isEqualTo("ci:pipeline");
      assertThat(e.reason()).isEqualTo("wrong artifact");
    });
    assertThat(deployment.status()).isEqualTo(DeploymentStatus.WITHDRAWN);
    assertThat(deployment.withdrawal()).get().extracting(Decision.Withdrawal::reason).isEqualTo("wrong artifact");
    assertThat(((CommandResult.Refused) deployment.withdraw(ADMIN, null, clock)).refusal())
        .isInstanceOf(Refusal.AlreadyDecided.class);

    Deployment other = submitted(STAGING);
    assertThat(other.withdraw(ADMIN, null, clock).accepted()).isTrue();
  }

  @Test
  void commentsAreRecordedInAnyStatus() {
    Deployment deployment = submitted(STAGING);
    deployment.approve(ALICE, null, STAGING, clock);
    var commented = (CommandResult.Accepted) deployment.comment(OLIVIA, "watching the canary", clock);
    assertThat(commented.events()).singleElement().isInstanceOfSatisfying(ApprovalCommented.class, e -> {
      assertThat(e.author()).isEqualTo("olivia");
      assertThat(e.comment()).isEqualTo("watching the canary");
    });
    assertThat(deployment.comments()).extracting(Decision.Comment::text).containsExactly("watching the canary");
    assertThat(deployment.status()).isEqualTo(DeploymentStatus.APPROVED);
  }

  @Test
  void aNewerRequestSupersedesAPendingOne() {
    Deployment older = submitted(STAGING);
    var settings = new EnvironmentSettings("staging", STAGING, DEFAULT);
    Deployment newer = Deployment.submit("d-2", request("fraud-detector", "1.5.0", "staging", null), CI, settings,
        Intake.rest(), clock).deployment();

    var superseded = (CommandResult.Accepted) older.supersede(newer, clock);

    assertThat(older.status()).isEqualTo(DeploymentStatus.SUPERSEDED);
    assertThat(superseded.events()).singleElement().isInstanceOfSatisfying(DeploymentSuperseded.class, e -> {
      assertThat(e.header().deploymentId()).isEqualTo("d-1");
      assertThat(e.supersededByDeploymentId()).isEqualTo("d-2");
      assertThat(e.supersededByVersion()).isEqualTo("1.5.0");
      assertThat(e.header().causationId()).isEqualTo(newer.requestEventId());
    });
    assertThat(older.approve(ALICE, null, STAGING, clock)).isInstanceOfSatisfying(CommandResult.Refused.class,
        r -> assertThat(r.refusal()).isInstanceOf(Refusal.AlreadyDecided.class));
  }
}
