package dev.tollgate.approval.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Quorum can only be reached by enough distinct, eligible people. */
class ApprovalPolicyPropertiesTest {

  static final String REQUESTER = "ci:pipeline";
  static final String AUTHOR = "dave";

  @Provide
  Arbitrary<Actor> people() {
    Arbitrary<String> names = Arbitraries.of("alice", "bob", "carol", "erin", "frank", "grace", "heidi", "ivan",
        REQUESTER, AUTHOR, "Alice", "BOB");
    Arbitrary<Set<String>> groups = Arbitraries.of("ml-lead", "sre", "data").set().ofMaxSize(2);
    Arbitrary<Set<String>> roles = Arbitraries.of("approver", "operator").set().ofMinSize(1).ofMaxSize(2);
    return Combinators.combine(names, roles, groups).as(Actor::new);
  }

  @Provide
  Arbitrary<ApprovalPolicy> policies() {
    Arbitrary<Integer> required = Arbitraries.integers().between(1, 4);
    Arbitrary<List<String>> groups = Arbitraries.of("ml-lead", "sre", "data").set().ofMaxSize(2)
        .map(List::copyOf);
    return Combinators.combine(required, groups)
        .filter((n, g) -> g.size() <= n)
        .as((n, g) -> ApprovalPolicy.of("env", "v1", n, "approver", g));
  }

  @Property(tries = 300)
  void allowedOnlyWithEnoughDistinctEligibleApprovers(@ForAll("policies") ApprovalPolicy policy,
      @ForAll("approvals") List<Actor> approvals) {
    ApprovalContext context = new ApprovalContext(REQUESTER, AUTHOR, approvals);
    Set<String> eligible = new HashSet<>();
    for (Actor a : approvals) {
      if (!a.isSamePersonAs(REQUESTER) && !a.isSamePersonAs(AUTHOR) && a.hasRole("approver")) {
        eligible.add(a.name().toLowerCase());
      }
    }
    if (policy.evaluate(context).allowed()) {
      assertThat(eligible.size()).isGreaterThanOrEqualTo(policy.requiredApprovals());
      for (String group : policy.requiredGroups()) {
        assertThat(policy.countingApprovers(context)).anyMatch(a -> a.inGroup(group));
      }
    }
  }

  /**
   * Take a set of approvals that does not reach quorum, then add the requester, the commit author
   * and repeats of people already in it (in any order): still no quorum.
   */
  @Property(tries = 300)
  void selfApprovalsAndRepeatsNeverTipTheBalance(@ForAll("policies") ApprovalPolicy policy,
      @ForAll("approvals") List<Actor> approvals, @ForAll @IntRange(min = 1, max = 5) int extra,
      @ForAll long seed) {
    ApprovalContext base = new ApprovalContext(REQUESTER, AUTHOR, approvals);
    if (policy.evaluate(base).allowed()) {
      return;
    }
    Random random = new Random(seed);
    List<Actor> padded = new ArrayList<>(approvals);
    for (int i = 0; i < extra; i++) {
      int pick = random.nextInt(3);
      if (pick == 0) {
        padded.add(new Actor(REQUESTER, Set.of("approver"), Set.of("ml-lead", "sre", "data")));
      } else if (pick == 1) {
        padded.add(new Actor(AUTHOR.toUpperCase(), Set.of("approver"), Set.of("ml-lead", "sre", "data")));
      } else if (!approvals.isEmpty()) {
        Actor again = approvals.get(random.nextInt(approvals.size()));
        // the same person again, even claiming more groups, counts once (as first seen)
        padded.add(new Actor(again.name(), again.roles(), Set.of("ml-lead", "sre", "data")));
      }
    }
    Collections.shuffle(padded.subList(approvals.size(), padded.size()), random);
    assertThat(policy.evaluate(new ApprovalContext(REQUESTER, AUTHOR, padded)).allowed()).isFalse();
  }

  @Property(tries = 200)
  void oneApproverNeverSatisfiesAPolicyNeedingTwo(@ForAll("people") Actor person, @ForAll @IntRange(min = 1,
      max = 6) int times) {
    ApprovalPolicy policy = ApprovalPolicy.of("production", "v1", 2, "approver", List.of("ml-lead", "sre"));
    List<Actor> approvals = Collections.nCopies(times, person);
    assertThat(policy.evaluate(new ApprovalContext(REQUESTER, AUTHOR, approvals)).allowed()).isFalse();
  }

  @Provide
  Arbitrary<List<Actor>> approvals() {
    return people().list().ofMaxSize(6);
  }
}
