package dev.tollgate.audit.handoff.document;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an operations team taking over a model version needs, as read from the audit trail. Lists
 * are in timeline order; absent values are null. Strings are as recorded: the renderer escapes them.
 */
public record HandoffRecord(
    Overview overview,
    Artifact artifact,
    Profile profile,
    List<ApprovalRound> approvals,
    List<GateDecision> gates,
    List<Rollout> rollouts,
    List<Rollback> rollbacks,
    List<Live> liveNow,
    List<RollbackPlan> rollbackPlans,
    Instant generatedAt,
    long eventCount) {

  public HandoffRecord {
    approvals = List.copyOf(approvals);
    gates = List.copyOf(gates);
    rollouts = List.copyOf(rollouts);
    rollbacks = List.copyOf(rollbacks);
    liveNow = List.copyOf(liveNow);
    rollbackPlans = List.copyOf(rollbackPlans);
  }

  /** The version and its deployment requests ({@code deployments}: deployment id to environment). */
  public record Overview(String model, String version, List<String> environments, String requestedBy,
      Instant requestedAt, Map<String, String> deployments) {}

  public record Artifact(String digest, String gitCommit, String commitAuthor, String pipelineRunUrl) {}

  public record Profile(String instanceType, String instanceSize, Integer replicas, String location,
      String updateSchedule) {}

  /** One policy rule and its result. */
  public record Rule(String rule, boolean passed, String message) {}

  /** One person's decision or remark in an approval round ({@code decision}: approved, rejected, comment, ...). */
  public record Decision(Instant at, String person, List<String> roles, String decision, String reason,
      String policyVersion, boolean breakGlass, List<Rule> evaluation) {}

  /**
   * The approval round of one deployment: who decided, and its outcome (DeploymentApproved,
   * DeploymentRejected, DeploymentSuperseded, ...; null while pending) with the rule evaluation.
   */
  public record ApprovalRound(String deploymentId, String environment, String policyVersion,
      List<Decision> decisions, String outcome, Instant outcomeAt, String outcomeDetail, List<Rule> evaluation) {}

  /** A stage gate's vote or decision during a rollout. */
  public record GateDecision(Instant at, String environment, String gate, int stepIndex, String decision,
      List<String> people, List<String> roles, String reason, String policyVersion) {}

  /** The numbers a verdict was judged on. */
  public record Health(String modelVersion, long sampleCount, long requestCount, long errorCount, double errorRate,
      double p99LatencyMs, Map<String, Double> customMetrics) {}

  /** One rollout event: a step starting or completing, an analysis verdict with its numbers, a pause. */
  public record Step(Instant at, Integer stepIndex, String event, String detail, Health candidate, Health baseline) {}

  /** The rollout of the version in one environment ({@code outcome}: RolloutPromoted, RollbackCompleted, ...; null while running). */
  public record Rollout(String environment, String deploymentId, String baselineVersion, List<Step> steps,
      String outcome, Instant outcomeAt, String previousVersion) {}

  public record Rollback(Instant at, String environment, String deploymentId, String trigger, String reason,
      Integer stepIndex, String rollbackToVersion, Health evidence, Instant completedAt, String restoredVersion) {}

  /** What serves the model in an environment now (version null: nothing). */
  public record Live(String environment, String version, Instant since, String deploymentId, String decidedBy) {}

  /**
   * How to roll back in one environment. {@code activeDeploymentId}: a rollout of this version still
   * in progress (abort it); {@code lastKnownGood}: the version to return to, with the request that
   * deployed it ({@code knownGoodRequest}, null if the trail has none).
   */
  public record RollbackPlan(String environment, String liveVersion, String activeDeploymentId, String lastKnownGood,
      KnownGoodRequest knownGoodRequest) {}

  /** The recorded request that deployed the last known-good version, to replay through approval-service. */
  public record KnownGoodRequest(String deploymentId, String version, Artifact artifact, Profile profile) {}

  /** Where the commands of the rollback section are sent. */
  public record Endpoints(String approvalUrl, String rolloutUrl) {}
}
