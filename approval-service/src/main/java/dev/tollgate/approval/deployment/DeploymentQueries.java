package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentStatus;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.policy.PolicyEvaluation;
import dev.tollgate.approval.policy.RuleResult;
import java.util.List;

/** Reads deployments and the policy's current verdict on them. */
public class DeploymentQueries {

  private final JdbcDeploymentStore store;
  private final Environments environments;

  public DeploymentQueries(JdbcDeploymentStore store, Environments environments) {
    this.store = store;
    this.environments = environments;
  }

  public Deployment get(String deploymentId) {
    return store.find(deploymentId).orElseThrow(() -> new DeploymentNotFoundException(deploymentId));
  }

  public List<Deployment> list(DeploymentStatus status, int limit) {
    return store.list(status, limit);
  }

  public PolicyEvaluation evaluate(Deployment deployment) {
    return environments.find(deployment.request().environment())
        .map(settings -> deployment.evaluate(settings.policy()))
        .orElseGet(() -> new PolicyEvaluation(deployment.policyVersion(), List.of(new RuleResult("environment",
            false, "environment " + deployment.request().environment() + " no longer has an approval policy"))));
  }
}
