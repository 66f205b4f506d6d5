package dev.tollgate.approval.gate.api;

import dev.tollgate.approval.deployment.domain.Decision;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.gate.domain.Gate;
import dev.tollgate.approval.gate.domain.GateStatus;
import dev.tollgate.approval.policy.PolicyEvaluation;
import java.time.Instant;
import java.util.List;

/** A stage gate as the API shows it, with its policy's current verdict. */
public record GateView(
    String deploymentId,
    String modelName,
    String modelVersion,
    String environment,
    String artifactDigest,
    String gate,
    int stepIndex,
    int currentWeight,
    GateStatus status,
    Instant requestedAt,
    Instant decidedAt,
    List<VoteView> votes,
    List<RuleView> evaluation) {

  /** @param kind APPROVAL or REJECTION; {@code text} is the comment or the reason */
  public record VoteView(String voter, String kind, List<String> roles, List<String> groups, Instant decidedAt,
      String text, String policyVersion) {}

  public record RuleView(String rule, boolean passed, String message) {}

  public static GateView of(Gate gate, Deployment deployment, PolicyEvaluation evaluation) {
    var request = deployment.request();
    return new GateView(gate.deploymentId(), request.modelName(), request.modelVersion(), request.environment(),
        request.artifactDigest(), gate.name(), gate.stepIndex(), gate.currentWeight(), gate.status(),
        gate.requestedAt(), gate.decidedAt(),
        gate.votes().stream().map(GateView::vote).toList(),
        evaluation.results().stream().map(r -> new RuleView(r.rule(), r.passed(), r.message())).toList());
  }

  private static VoteView vote(Decision vote) {
    if (vote instanceof Decision.Approval a) {
      return new VoteView(a.actor().name(), "APPROVAL", a.actor().sortedRoles(), a.actor().sortedGroups(),
          a.decidedAt(), a.comment(), a.policyVersion());
    }
    Decision.Rejection r = (Decision.Rejection) vote;
    return new VoteView(r.actor().name(), "REJECTION", r.actor().sortedRoles(), r.actor().sortedGroups(),
        r.decidedAt(), r.reason(), null);
  }
}
