package dev.tollgate.approval.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

  static final ApprovalPolicy STAGING = ApprovalPolicy.of("staging", "staging-v1", 1, "approver", List.of());
  static final ApprovalPolicy PRODUCTION =
      ApprovalPolicy.of("production", "production-v1", 2, "approver", List.of("ml-lead", "sre"));

  static final Actor ALICE = new Actor("alice", Set.of("approver"), Set.of("ml-lead"));
  static final Actor BOB = new Actor("bob", Set.of("approver"), Set.of("sre"));
  static final Actor CAROL = new Actor("carol", Set.of("approver"), Set.of("ml-lead"));
  static final Actor DAVE = new Actor("dave", Set.of("approver"), Set.of("sre"));
  static final Actor OLIVIA = new Actor("olivia", Set.of("operator"), Set.of("sre"));

  static ApprovalContext context(Actor... approvers) {
    return new ApprovalContext("ci:pipeline", "dave", List.of(approvers));
  }

  @Test
  void stagingNeedsOneApproverAndSaysSo() {
    PolicyEvaluation none = STAGING.evaluate(context());
    assertThat(none.allowed()).isFalse();
    assertThat(none.failures()).extracting(RuleResult::message)
        .containsExactly("needs 1 more approval by role approver (has 0 of 1)");

    PolicyEvaluation one = STAGING.evaluate(context(ALICE));
    assertThat(one.allowed()).isTrue();
    assertThat(one.policyVersion()).isEqualTo("staging-v1");
  }

  @Test
  void productionNeedsOneFromEachGroup() {
    PolicyEvaluation twoLeads = PRODUCTION.evaluate(context(ALICE, CAROL));
    assertThat(twoLeads.allowed()).isFalse();
    assertThat(twoLeads.failures()).extracting(RuleResult::rule, RuleResult::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("required-group:sre", "needs 1 more approval from group sre"));

    assertThat(PRODUCTION.evaluate(context(ALICE, BOB)).allowed()).isTrue();
  }

  @Test
  void productionWithOnlyOneApprovalNamesWhatIsMissing() {
    PolicyEvaluation evaluation = PRODUCTION.evaluate(context(BOB));
    assertThat(evaluation.failures()).extracting(RuleResult::message).containsExactly(
        "needs 1 more approval by role approver (has 1 of 2)", "needs 1 more approval from group ml-lead");
    assertThat(evaluation.summary()).contains("group ml-lead");
  }

  @Test
  void selfApprovalsAndRepeatsAndNonApproversDoNotCount() {
    Actor requester = new Actor("ci:pipeline", Set.of("approver"), Set.of("ml-lead"));
    // dave is the commit author and in sre; olivia lacks the approver role; alice twice counts once
    PolicyEvaluation evaluation = PRODUCTION.evaluate(context(requester, DAVE, OLIVIA, ALICE, ALICE));
    assertThat(evaluation.allowed()).isFalse();
    assertThat(PRODUCTION.countingApprovers(context(requester, DAVE, OLIVIA, ALICE, ALICE)))
        .extracting(Actor::name).containsExactly("alice");
    assertThat(evaluation.results().get(0).message()).contains("ignored approval by ci:pipeline, dave");
  }

  @Test
  void checkApproverRefusesRequesterCommitAuthorNonApproverAndRepeat() {
    assertThat(STAGING.checkApprover(Actor.named("CI:Pipeline"), context())).get()
        .extracting(Ineligibility::kind).isEqualTo(Ineligibility.Kind.SELF_APPROVAL);
    assertThat(STAGING.checkApprover(DAVE, context())).get()
        .extracting(Ineligibility::kind).isEqualTo(Ineligibility.Kind.SELF_APPROVAL);
    assertThat(STAGING.checkApprover(OLIVIA, context())).get()
        .extracting(Ineligibility::kind).isEqualTo(Ineligibility.Kind.MISSING_ROLE);
    assertThat(STAGING.checkApprover(ALICE, context(ALICE))).get()
        .extracting(Ineligibility::kind).isEqualTo(Ineligibility.Kind.ALREADY_APPROVED);
    assertThat(STAGING.checkApprover(ALICE, context(BOB))).isEmpty();
  }
}
