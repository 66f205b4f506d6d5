package dev.tollgate.approval.gate;

import dev.tollgate.approval.deployment.DecisionRefusedException;
import dev.tollgate.approval.deployment.DeploymentNotFoundException;
import dev.tollgate.approval.deployment.EventRecorder;
import dev.tollgate.approval.deployment.JdbcDeploymentStore;
import dev.tollgate.approval.deployment.domain.CommandResult;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.EnvironmentSettings;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.deployment.domain.Refusal;
import dev.tollgate.approval.gate.domain.Gate;
import dev.tollgate.approval.gate.domain.GateStatus;
import dev.tollgate.approval.outbox.OutboxStore;
import dev.tollgate.approval.policy.Actor;
import dev.tollgate.approval.policy.ApprovalPolicy;
import dev.tollgate.approval.policy.PolicyEvaluation;
import dev.tollgate.approval.policy.RuleResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stage gates: recorded when rollout-service asks, decided by approvers, announced on the
 * approvals topic through the outbox. Every change is one database transaction, so a restart
 * loses no gate and no vote.
 */
public class Gates {

  private static final Logger log = LoggerFactory.getLogger(Gates.class);
  private static final int MAX_SCAN = 1000;

  private final JdbcGateStore store;
  private final JdbcDeploymentStore deployments;
  private final EventRecorder events;
  private final Environments environments;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public Gates(JdbcGateStore store, JdbcDeploymentStore deployments, OutboxStore outbox, Environments environments,
      TransactionTemplate transactions, Clock clock) {
    this.store = store;
    this.deployments = deployments;
    this.events = new EventRecorder(outbox);
    this.environments = environments;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * rollout-service waits at a gate. Idempotent: a redelivered request changes nothing; a new
   * request for a gate already decided (rollout-service restarted) gets the decision again.
   *
   * @throws DeploymentNotFoundException when approval-service does not know the deployment
   */
  public void requested(String deploymentId, String gate, int stepIndex, int currentWeight, Instant at,
      String requestEventId) {
    transactions.executeWithoutResult(status -> {
      Deployment deployment = deployments.find(deploymentId)
          .orElseThrow(() -> new DeploymentNotFoundException(deploymentId));
      Gate requested = Gate.requested(deploymentId, gate, stepIndex, currentWeight, at, requestEventId);
      if (store.insertIfAbsent(requested)) {
        log.info("Gate {} at step {} of deployment {} waits for approval", gate, stepIndex, deploymentId);
        return;
      }
      store.find(deploymentId, gate, stepIndex)
          .filter(known -> !known.requestEventId().equals(requestEventId))
          .ifPresent(known -> {
            var again = known.reannounce(deployment, policyOf(deployment, gate), clock);
            events.record(again, clock.instant());
            if (!again.isEmpty()) {
              log.info("Gate {} at step {} of deployment {} asked again; announced {} again", gate, stepIndex,
                  deploymentId, known.status());
            }
          });
    });
  }

  public Gate approve(String deploymentId, String gate, Actor approver, String comment) {
    return decide(deploymentId, gate, "approved by " + approver.name(),
        (deployment, g, policy) -> g.approve(deployment, approver, comment, policy, clock));
  }

  public Gate reject(String deploymentId, String gate, Actor approver, String reason) {
    return decide(deploymentId, gate, "rejected by " + approver.name(),
        (deployment, g, policy) -> g.reject(deployment, approver, reason, policy, clock));
  }

  /** The rollout ended (aborted, rolled back): its pending gates will never be passed. */
  public int abandon(String deploymentId) {
    Integer abandoned = transactions.execute(status -> {
      int count = 0;
      for (Gate gate : store.findPendingForUpdate(deploymentId)) {
        if (gate.abandon(clock)) {
          store.update(gate, gate.votes().size());
          count++;
        }
      }
      return count;
    });
    return abandoned == null ? 0 : abandoned;
  }

  public List<Gate> list(GateStatus status, int limit) {
    return store.list(status, limit);
  }

  /** Pending gates the actor may approve now: eligible under the gate's policy, not self, not counted yet. */
  public List<Gate> awaiting(Actor actor, int limit) {
    Instant now = clock.instant();
    return store.list(GateStatus.PENDING, MAX_SCAN).stream()
        .filter(gate -> deployments.find(gate.deploymentId()).map(deployment -> {
          ApprovalPolicy policy = policyOf(deployment, gate.name());
          return policy.checkApprover(actor, gate.context(deployment, policy, now)).isEmpty();
        }).orElse(false))
        .limit(limit)
        .toList();
  }

  /** The deployment a gate belongs to. */
  public Deployment deploymentOf(Gate gate) {
    return deployments.find(gate.deploymentId()).orElseThrow(() -> new DeploymentNotFoundException(gate.deploymentId()));
  }

  /** The gate policy's current verdict on the gate's votes. */
  public PolicyEvaluation evaluate(Gate gate) {
    Deployment deployment = deploymentOf(gate);
    return environments.find(deployment.request().environment())
        .map(settings -> gate.evaluate(deployment, settings.gatePolicy(gate.name()), clock.instant()))
        .orElseGet(() -> new PolicyEvaluation(deployment.policyVersion(), List.of(new RuleResult("environment",
            false, "environment " + deployment.request().environment() + " no longer has an approval policy"))));
  }

  private interface GateCommand {
    CommandResult apply(Deployment deployment, Gate gate, ApprovalPolicy policy);
  }

  private Gate decide(String deploymentId, String gateName, String what, GateCommand command) {
    return transactions.execute(status -> {
      Deployment deployment = deployments.find(deploymentId)
          .orElseThrow(() -> new DeploymentNotFoundException(deploymentId));
      Gate gate = store.findByNameForUpdate(deploymentId, gateName)
          .orElseThrow(() -> new GateNotFoundException(deploymentId, gateName));
      int known = gate.votes().size();
      CommandResult result = command.apply(deployment, gate, policyOf(deployment, gateName));
      if (result instanceof CommandResult.Refused refused) {
        throw new DecisionRefusedException(deploymentId, refused.refusal());
      }
      store.update(gate, known);
      events.record(((CommandResult.Accepted) result).events(), clock.instant());
      log.info("Gate {} at step {} of deployment {} {}; now {}", gateName, gate.stepIndex(), deploymentId, what,
          gate.status());
      return gate;
    });
  }

  private ApprovalPolicy policyOf(Deployment deployment, String gate) {
    EnvironmentSettings settings = environments.find(deployment.request().environment())
        .orElseThrow(() -> new DecisionRefusedException(deployment.id(), new Refusal.PolicyRefusal(
            "environment " + deployment.request().environment() + " no longer has an approval policy")));
    return settings.gatePolicy(gate);
  }
}
