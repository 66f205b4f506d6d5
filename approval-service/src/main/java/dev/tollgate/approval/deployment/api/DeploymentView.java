package dev.tollgate.approval.deployment.api;

import dev.tollgate.approval.deployment.domain.Decision;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentStatus;
import dev.tollgate.approval.policy.PolicyEvaluation;
import java.time.Instant;
import java.util.List;

/** A deployment as the API shows it, with the policy's current verdict on it. */
public record DeploymentView(
    String deploymentId,
    String modelName,
    String modelVersion,
    String environment,
    String artifactDigest,
    DeploymentStatus status,
    String requestedBy,
    Instant requestedAt,
    String policyVersion,
    Instant expiresAt,
    List<ApprovalView> approvals,
    RejectionView rejection,
    WithdrawalView withdrawal,
    List<CommentView> comments,
    List<RuleView> evaluation,
    StrategyBody strategy,
    ProfileBody profile,
    SourceBody source) {

  /** An approval as given; whether it still counts is in {@code evaluation} (rule approvals-current). */
  public record ApprovalView(String approver, List<String> roles, List<String> groups, Instant decidedAt,
      String comment, String policyVersion, boolean breakGlass) {}

  public record WithdrawalView(String withdrawnBy, Instant decidedAt, String reason) {}

  public record CommentView(String author, Instant at, String comment) {}

  public record RejectionView(String rejectedBy, Instant decidedAt, String reason) {}

  public record RuleView(String rule, boolean passed, String message) {}

  public static DeploymentView of(Deployment deployment, PolicyEvaluation evaluation) {
    return of(deployment, evaluation, null);
  }

  public static DeploymentView of(Deployment deployment, PolicyEvaluation evaluation, Instant expiresAt) {
    var request = deployment.request();
    return new DeploymentView(
        deployment.id(), request.modelName(), request.modelVersion(), request.environment(),
        request.artifactDigest(), deployment.status(), deployment.requestedBy(), deployment.requestedAt(),
        deployment.policyVersion(),
        deployment.status().isDecided() ? null : expiresAt,
        deployment.approvals().stream().map(a -> new ApprovalView(a.actor().name(), a.actor().sortedRoles(),
            a.actor().sortedGroups(), a.decidedAt(), a.comment(), a.policyVersion(), a.breakGlass())).toList(),
        deployment.rejection().map(DeploymentView::rejectionOf).orElse(null),
        deployment.withdrawal().map(w -> new WithdrawalView(w.actor().name(), w.decidedAt(), w.reason())).orElse(null),
        deployment.comments().stream().map(c -> new CommentView(c.actor().name(), c.decidedAt(), c.text())).toList(),
        evaluation.results().stream().map(r -> new RuleView(r.rule(), r.passed(), r.message())).toList(),
        StrategyBody.of(deployment.strategy()),
        ProfileBody.of(request.profile()),
        SourceBody.of(request.source()));
  }

  private static RejectionView rejectionOf(Decision.Rejection rejection) {
    return new RejectionView(rejection.actor().name(), rejection.decidedAt(), rejection.reason());
  }
}
