package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.CommandResult;
import dev.tollgate.approval.deployment.domain.CompletedRollouts;
import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentRequest;
import dev.tollgate.approval.deployment.domain.EnvironmentSettings;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.deployment.domain.Refusal;
import dev.tollgate.approval.outbox.OutboxStore;
import dev.tollgate.approval.policy.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts CI's deployment requests, from REST and from the requests topic alike. Idempotent: the
 * same idempotency key (or, from the topic, the same request event or deployment id) yields the
 * same deployment, also when duplicates arrive concurrently.
 */
public class DeploymentIntake {

  private static final Logger log = LoggerFactory.getLogger(DeploymentIntake.class);

  private final JdbcDeploymentStore store;
  private final EventRecorder events;
  private final Environments environments;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final CompletedRollouts completedRollouts;

  public DeploymentIntake(JdbcDeploymentStore store, OutboxStore outbox, Environments environments,
      TransactionTemplate transactions, Clock clock) {
    this(store, outbox, environments, transactions, clock, CompletedRollouts.NONE);
  }

  public DeploymentIntake(JdbcDeploymentStore store, OutboxStore outbox, Environments environments,
      TransactionTemplate transactions, Clock clock, CompletedRollouts completedRollouts) {
    this.store = store;
    this.events = new EventRecorder(outbox);
    this.environments = environments;
    this.transactions = transactions;
    this.clock = clock;
    this.completedRollouts = completedRollouts;
  }

  /** The result of a submission: a new deployment, or the one an earlier identical request created. */
  public sealed interface Outcome {
    Deployment deployment();

    record Created(Deployment deployment) implements Outcome {}

    record Existing(Deployment deployment) implements Outcome {}
  }

  /**
   * @param deploymentId the id CI chose (topic intake), or null to mint one
   * @throws UnknownEnvironmentException when the environment has no policy
   * @throws RequestConflictException when the key or id belongs to a different request
   * @throws RequestRefusedException when the environment's policy refuses the request (promotion order)
   */
  public Outcome submit(DeploymentRequest request, Actor requester, Intake intake, String deploymentId) {
    EnvironmentSettings environment = environments.find(request.environment())
        .orElseThrow(() -> new UnknownEnvironmentException(request.environment(), environments.names()));
    String id = deploymentId != null ? deploymentId : UUID.randomUUID().toString();
    try {
      return transactions.execute(status -> submitInTransaction(request, requester, intake, id, environment));
    } catch (DuplicateKeyException raced) {
      // A concurrent duplicate won on a key that ON CONFLICT does not cover (deployment id, request
      // event id, or a claim committed between our statements): the winner's deployment is ours.
      log.debug("Duplicate submission of deployment {} lost a race; returning the winner", id);
      return transactions.execute(status -> findDuplicate(request, intake, id))
          .map(d -> (Outcome) new Outcome.Existing(d))
          .orElseThrow(() -> raced);
    }
  }

  private Outcome submitInTransaction(DeploymentRequest request, Actor requester, Intake intake, String id,
      EnvironmentSettings environment) {
    Optional<Deployment> known = findDuplicate(request, intake, id);
    if (known.isPresent()) {
      return new Outcome.Existing(known.get());
    }
    var refusal = environment.promotionOrder().check(request,
        (digest, completedIn) -> completedRollouts.completed(request.modelName(), digest, completedIn));
    if (refusal.isPresent()) {
      throw new RequestRefusedException((Refusal.PolicyRefusal) refusal.get());
    }
    // One request per model and environment waits for approvers: serialize with concurrent ones.
    store.lockModelEnvironment(request.modelName(), request.environment());
    Instant now = clock.instant();
    String key = request.idempotencyKey();
    if (key != null && !store.claimIdempotencyKey(key, id, request.fingerprint(), now)) {
      return new Outcome.Existing(existingFor(key, request));
    }
    Deployment.Submission submission = Deployment.submit(id, request, requester, environment, intake, clock);
    store.insert(submission.deployment(), now);
    events.record(submission.events(), now);
    supersedeOlder(submission.deployment(), now);
    log.info("Deployment {} requested by {}: {} {} to {} (policy {})", id, requester.name(), request.modelName(),
        request.modelVersion(), request.environment(), environment.policy().version());
    return new Outcome.Created(submission.deployment());
  }

  /**
   * A newer request supersedes every older pending one of the same model and environment
   * (whatever their versions: the newest request is what CI wants now). Approved ones are left
   * alone: they are rolling out or about to, and rollout-service runs one rollout per model and
   * environment at a time, so the new request waits for its approvers meanwhile.
   */
  private void supersedeOlder(Deployment newer, Instant now) {
    for (Deployment older : store.findPendingForUpdate(newer.request().modelName(), newer.request().environment())) {
      if (older.id().equals(newer.id())) {
        continue;
      }
      int known = older.decisions().size();
      if (older.supersede(newer, clock) instanceof CommandResult.Accepted accepted) {
        store.update(older, known, now);
        events.record(accepted.events(), now);
        log.info("Deployment {} ({} {}) superseded by {} ({})", older.id(), older.request().modelName(),
            older.request().modelVersion(), newer.id(), newer.request().modelVersion());
      }
    }
  }

  /** A deployment this very request already created, by idempotency key, request event or id. */
  private Optional<Deployment> findDuplicate(DeploymentRequest request, Intake intake, String id) {
    if (request.idempotencyKey() != null) {
      var claim = store.findIdempotencyClaim(request.idempotencyKey());
      if (claim.isPresent()) {
        return Optional.of(existingFor(request.idempotencyKey(), request));
      }
    }
    if (intake instanceof Intake.Topic topic) {
      var byEvent = store.findByRequestEventId(topic.requestEventId());
      if (byEvent.isPresent()) {
        return byEvent;
      }
    }
    var byId = store.find(id);
    if (byId.isPresent()) {
      if (!byId.get().request().fingerprint().equals(request.fingerprint())) {
        throw new RequestConflictException("deployment id " + id + " already names a request for "
            + byId.get().request().fingerprint(), id);
      }
      return byId;
    }
    return Optional.empty();
  }

  private Deployment existingFor(String key, DeploymentRequest request) {
    var claim = store.findIdempotencyClaim(key)
        .orElseThrow(() -> new IllegalStateException("idempotency key " + key + " vanished"));
    if (!claim.fingerprint().equals(request.fingerprint())) {
      throw new RequestConflictException("Idempotency-Key " + key + " was used for another request ("
          + claim.fingerprint() + ")", claim.deploymentId());
    }
    return store.find(claim.deploymentId())
        .orElseThrow(() -> new IllegalStateException("idempotency key " + key + " names a missing deployment"));
  }
}
