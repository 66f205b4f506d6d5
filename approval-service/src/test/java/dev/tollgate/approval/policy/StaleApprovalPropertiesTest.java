package dev.tollgate.approval.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Decisions are bound to the digest and policy version they were made under and age out: an
 * approval under another digest or policy version, or older than the approval-ttl, never counts.
 */
class StaleApprovalPropertiesTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String OLD_DIGEST = "sha256:" + "cd".repeat(32);
  static final Duration TTL = Duration.ofHours(24);
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final ApprovalPolicy POLICY = ApprovalPolicy.of("production", "production-v2", 2, "approver",
      List.of("ml-lead", "sre")).withApprovalTtl(TTL);

  @Provide
  Arbitrary<CastApproval> approvals() {
    Arbitrary<Actor> people = Combinators.combine(
            Arbitraries.of("alice", "bob", "carol", "erin", "frank", "grace"),
            Arbitraries.of("ml-lead", "sre", "data").set().ofMinSize(1).ofMaxSize(2))
        .as((name, groups) -> new Actor(name, Set.of("approver"), groups));
    Arbitrary<Instant> when = Arbitraries.longs().between(0, 72 * 3600).map(s -> NOW.minusSeconds(s));
    return Combinators.combine(people, when, Arbitraries.of(DIGEST, OLD_DIGEST),
            Arbitraries.of("production-v1", "production-v2", "production-v3"))
        .as((actor, at, digest, version) -> new CastApproval(actor, at, digest, version, false));
  }

  static boolean current(CastApproval a) {
    return a.artifactDigest().equals(DIGEST) && a.policyVersion().equals(POLICY.version())
        && a.approvedAt().plus(TTL).isAfter(NOW);
  }

  @Property(tries = 400)
  void onlyCurrentApprovalsEverCount(@ForAll("list") List<CastApproval> approvals) {
    ApprovalContext context = POLICY.contextFor("ci:pipeline", "dave", DIGEST, approvals, NOW);
    List<Actor> counting = POLICY.countingApprovers(context);
    List<Actor> currentApprovers = approvals.stream().filter(StaleApprovalPropertiesTest::current)
        .map(CastApproval::approver).toList();
    assertThat(currentApprovers).containsAll(counting);
    assertThat(context.stale()).hasSize((int) approvals.stream().filter(a -> !current(a)).count());
  }

  /** Whatever stale approvals are added (old digest, old version, expired), the verdict stays the same. */
  @Property(tries = 400)
  void staleApprovalsNeverChangeTheVerdict(@ForAll("list") List<CastApproval> approvals) {
    List<CastApproval> onlyCurrent = approvals.stream().filter(StaleApprovalPropertiesTest::current).toList();
    PolicyEvaluation all = POLICY.evaluate(POLICY.contextFor("ci:pipeline", "dave", DIGEST, approvals, NOW));
    PolicyEvaluation current = POLICY.evaluate(POLICY.contextFor("ci:pipeline", "dave", DIGEST, onlyCurrent, NOW));
    assertThat(all.allowed()).isEqualTo(current.allowed());
    assertThat(POLICY.countingApprovers(POLICY.contextFor("ci:pipeline", "dave", DIGEST, approvals, NOW)))
        .isEqualTo(POLICY.countingApprovers(POLICY.contextFor("ci:pipeline", "dave", DIGEST, onlyCurrent, NOW)));
  }

  /** Take any approvals and make each one stale in some way: quorum is never reached. */
  @Property(tries = 300)
  void approvalsMadeStaleNeverReachQuorum(@ForAll("list") List<CastApproval> approvals,
      @ForAll("staleness") List<Integer> how) {
    List<CastApproval> stale = new ArrayList<>();
    for (int i = 0; i < approvals.size(); i++) {
      CastApproval a = approvals.get(i);
      stale.add(switch (how.get(i % how.size())) {
        case 0 -> new CastApproval(a.approver(), a.approvedAt(), OLD_DIGEST, a.policyVersion(), false);
        case 1 -> new CastApproval(a.approver(), a.approvedAt(), a.artifactDigest(), "production-v1", false);
        default -> new CastApproval(a.approver(), NOW.minus(TTL), a.artifactDigest(), a.policyVersion(), false);
      });
    }
    ApprovalContext context = POLICY.contextFor("ci:pipeline", "dave", DIGEST, stale, NOW);
    assertThat(POLICY.countingApprovers(context)).isEmpty();
    assertThat(POLICY.evaluate(context).allowed()).isFalse();
  }

  @Provide
  Arbitrary<List<CastApproval>> list() {
    return approvals().list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Integer>> staleness() {
    return Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(8);
  }
}
