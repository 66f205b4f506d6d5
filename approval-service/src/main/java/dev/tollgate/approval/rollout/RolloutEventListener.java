package dev.tollgate.approval.rollout;

import dev.tollgate.approval.deployment.DeploymentNotFoundException;
import dev.tollgate.approval.deployment.intake.RejectedRecordException;
import dev.tollgate.approval.gate.Gates;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.GateRequested;
import dev.tollgate.events.RollbackCompleted;
import dev.tollgate.events.RolloutAborted;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPromoted;
import dev.tollgate.events.RolloutStarted;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What approval-service needs from rollout-service's events: which digests completed a rollout
 * where (promotion order), and which stage gates a rollout waits at. Other rollout events are
 * not its business and are skipped. Records it cannot attribute to a deployment are rejected to
 * the dead-letter topic.
 */
public class RolloutEventListener implements MessageListener<String, RolloutEvent> {

  private static final Logger log = LoggerFactory.getLogger(RolloutEventListener.class);

  private final JdbcRolloutStore rollouts;
  private final Gates gates;
  private final TransactionTemplate transactions;

  public RolloutEventListener(JdbcRolloutStore rollouts, Gates gates, TransactionTemplate transactions) {
    this.rollouts = rollouts;
    this.gates = gates;
    this.transactions = transactions;
  }

  @Override
  public void onMessage(ConsumerRecord<String, RolloutEvent> record) {
    RolloutEvent event = record.value();
    if (event == null) {
      return;
    }
    Envelope envelope = event.getEnvelope();
    Object payload = event.getPayload();
    if (!(payload instanceof RolloutStarted || payload instanceof RolloutPromoted || payload instanceof GateRequested
        || payload instanceof RolloutAborted || payload instanceof RollbackCompleted)) {
      return;
    }
    String deploymentId = envelope.getDeploymentId();
    if (deploymentId == null) {
      throw new RejectedRecordException(RejectedRecordException.VALIDATION,
          payload.getClass().getSimpleName() + " needs envelope.deploymentId");
    }
    Instant at = envelope.getOccurredAt();
    if (payload instanceof RolloutStarted started) {
      rollouts.recordStarted(deploymentId, envelope.getModelName(), envelope.getModelVersion(),
          envelope.getEnvironment(), started.getArtifactDigest(), at, envelope.getEventId());
    } else if (payload instanceof RolloutPromoted) {
      onPromoted(envelope, deploymentId, at);
    } else if (payload instanceof GateRequested gate) {
      try {
        gates.requested(deploymentId, gate.getGate(), gate.getStepIndex(), gate.getCurrentWeight(), at,
            envelope.getEventId());
      } catch (DeploymentNotFoundException e) {
        throw new RejectedRecordException(RejectedRecordException.UNKNOWN_DEPLOYMENT, e.getMessage());
      }
    } else {
      int abandoned = gates.abandon(deploymentId);
      if (abandoned > 0) {
        log.info("Rollout of deployment {} ended ({}); {} pending gates abandoned", deploymentId,
            payload.getClass().getSimpleName(), abandoned);
      }
    }
  }

  private void onPromoted(Envelope envelope, String deploymentId, Instant at) {
    transactions.executeWithoutResult(status -> {
      String digest = rollouts.digestOf(deploymentId).orElseThrow(() -> new RejectedRecordException(
          RejectedRecordException.UNKNOWN_DEPLOYMENT, "RolloutPromoted for deployment " + deploymentId
              + ", whose artifact digest is unknown (no request here, no RolloutStarted seen)"));
      if (rollouts.recordCompleted(envelope.getModelName(), digest, envelope.getEnvironment(),
          envelope.getModelVersion(), deploymentId, at, envelope.getEventId())) {
        log.info("{} {} ({}) completed a rollout in {}", envelope.getModelName(), envelope.getModelVersion(), digest,
            envelope.getEnvironment());
      }
      // a completed rollout passed all its gates; any still open are moot
      gates.abandon(deploymentId);
    });
  }
}
