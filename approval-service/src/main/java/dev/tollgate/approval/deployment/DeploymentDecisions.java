package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.CommandResult;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.deployment.domain.Refusal;
import dev.tollgate.approval.outbox.OutboxStore;
import dev.tollgate.approval.policy.Actor;
import dev.tollgate.approval.policy.ApprovalPolicy;
import java.time.Clock;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approvers' decisions. Each runs in one transaction holding the deployment's row lock, so
 * concurrent decisions on one deployment apply one after the other and quorum is reached once.
 */
public class DeploymentDecisions {

  private static final Logger log = LoggerFactory.getLogger(DeploymentDecisions.class);

  private final JdbcDeploymentStore store;
  private final EventRecorder events;
  private final Environments environments;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public DeploymentDecisions(JdbcDeploymentStore store, OutboxStore outbox, Environments environments,
      TransactionTemplate transactions, Clock clock) {
    this.store = store;
    this.events = new EventRecorder(outbox);
    this.environments = environments;
    this.transactions = transactions;
    this.clock = clock;
  }

  public Deployment approve(String deploymentId, Actor approver, String comment) {
    return approve(deploymentId, approver, comment, false);
  }

  /** @param breakGlass an admin overriding a freeze window; {@code comment} is then the required reason */
  public Deployment approve(String deploymentId, Actor approver, String comment, boolean breakGlass) {
    return decide(deploymentId, breakGlass ? "approved with break-glass" : "approved", approver,
        (deployment, policy) -> deployment.approve(approver, comment, breakGlass, policy, clock));
  }

  /** The requester or an admin takes a pending request back. */
  public Deployment withdraw(String deploymentId, Actor actor, String reason) {
    return decide(deploymentId, "withdrawn", actor, (deployment, policy) -> deployment.withdraw(actor, reason, clock));
  }

  /** A remark on the deployment's record, in any status. */
  public Deployment comment(String deploymentId, Actor author, String text) {
    return decide(deploymentId, "commented", author, (deployment, policy) -> deployment.comment(author, text, clock));
  }

  /**
   * Marks the deployment EXPIRED when it outlived its policy's request-ttl; true when it did.
   * Safe to race with decisions and other instances: it takes the row lock and re-checks.
   */
  public boolean expireIfDue(String deploymentId) {
    Boolean expired = transactions.execute(status -> {
      Deployment deployment = store.findForUpdate(deploymentId).orElse(null);
      if (deployment == null) {
        return false;
      }
      var settings = environments.find(deployment.request().environment());
      if (settings.isEmpty()) {
        return false;
      }
      int known = deployment.decisions().size();
      var events = ((CommandResult.Accepted) deployment.expire(settings.get().policy(), clock)).events();
      if (events.isEmpty()) {
        return false;
      }
      var now = clock.instant();
      store.update(deployment, known, now);
      this.events.record(events, now);
      log.info("Deployment {} expired: no decision within the request-ttl of policy {}", deploymentId,
          settings.get().policy().version());
      return true;
    });
    return Boolean.TRUE.equals(expired);
  }

  public Deployment reject(String deploymentId, Actor approver, String reason) {
    return decide(deploymentId, "rejected", approver,
        (deployment, policy) -> deployment.reject(approver, reason, policy, clock));
  }

  /** CI withdrew a pending request; already decided ones stay as they are. */
  public Deployment cancel(String deploymentId, String actor, String reason) {
    return transactions.execute(status -> {
      Deployment deployment = store.findForUpdate(deploymentId)
          .orElseThrow(() -> new DeploymentNotFoundException(deploymentId));
      int known = deployment.decisions().size();
      if (deployment.cancel(actor, reason) instanceof CommandResult.Refused refused) {
        throw new DecisionRefusedException(deploymentId, refused.refusal());
      }
      store.update(deployment, known, clock.instant());
      log.info("Deployment {} cancelled by {}: {}", deploymentId, actor, reason);
      return deployment;
    });
  }

  private Deployment decide(String deploymentId, String verb, Actor actor,
      BiFunction<Deployment, ApprovalPolicy, CommandResult> command) {
    return transactions.execute(status -> {
      Deployment deployment = store.findForUpdate(deploymentId)
          .orElseThrow(() -> new DeploymentNotFoundException(deploymentId));
      ApprovalPolicy policy = environments.find(deployment.request().environment())
          .orElseThrow(() -> new DecisionRefusedException(deploymentId, new Refusal.PolicyRefusal(
              "environment " + deployment.request().environment() + " no longer has an approval policy")))
          .policy();
      int known = deployment.decisions().size();
      CommandResult result = command.apply(deployment, policy);
      if (result instanceof CommandResult.Refused refused) {
        throw new DecisionRefusedException(deploymentId, refused.refusal());
      }
      var now = clock.instant();
      store.update(deployment, known, now);
      events.record(((CommandResult.Accepted) result).events(), now);
      log.info("Deployment {} {} by {}; now {}", deploymentId, verb, actor.name(), deployment.status());
      return deployment;
    });
  }
}
