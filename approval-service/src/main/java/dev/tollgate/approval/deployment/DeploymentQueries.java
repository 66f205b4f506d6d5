package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentStatus;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.policy.PolicyEvaluation;
import dev.tollgate.approval.policy.RuleResult;
import dev.tollgate.approval.policy.Actor;
import dev.tollgate.approval.policy.ApprovalPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Reads deployments and the policy's current verdict on them. */
public class DeploymentQueries {

  /** How many pending deployments "my pending approvals" looks through. */
  private static final int MAX_SCAN = 1000;

  private final JdbcDeploymentStore store;
  private final Environments environments;

  private final Clock clock;

  public DeploymentQueries(JdbcDeploymentStore store, Environments environments, Clock clock) {
    this.store = store;
    this.environments = environments;
    this.clock = clock;
  }

  public Deployment get(String deploymentId) {
    return store.find(deploymentId).orElseThrow(() -> new DeploymentNotFoundException(deploymentId));
  }

  public List<Deployment> list(DeploymentStatus status, int limit) {
    return store.list(status, limit);
  }

  /**
   * Pending deployments the actor may approve now: eligible under the policy (role, not the
   * requester or commit author, not already counted) and not expired.
   */
  public List<Deployment> awaiting(Actor actor, int limit) {
    Instant now = clock.instant();
    return store.list(DeploymentStatus.PENDING_APPROVAL, MAX_SCAN).stream()
        .filter(d -> environments.find(d.request().environment()).map(settings -> {
          ApprovalPolicy policy = settings.policy();
          boolean open = d.expiresAt(policy).map(now::isBefore).orElse(true);
          return open && policy.checkApprover(actor, d.approvalContext(policy, now)).isEmpty();
        }).orElse(false))
        .sorted(Comparator.comparing(Deployment::requestedAt))
        .limit(limit)
        .toList();
  }

  /** When the pending request expires under its environment's policy, or null when it does not. */
  public Instant expiresAt(Deployment deployment) {
    return environments.find(deployment.request().environment())
        .flatMap(settings -> deployment.expiresAt(settings.policy())).orElse(null);
  }

  /** The policy's current verdict on the deployment, at this moment. */
  public PolicyEvaluation evaluate(Deployment deployment) {
    return environments.find(deployment.request().environment())
        .map(settings -> deployment.evaluate(settings.policy(), clock.instant()))
        .orElseGet(() -> new PolicyEvaluation(deployment.policyVersion(), List.of(new RuleResult("environment",
            false, "environment " + deployment.request().environment() + " no longer has an approval policy"))));
  }
}
