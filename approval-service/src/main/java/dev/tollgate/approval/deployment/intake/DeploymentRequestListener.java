package dev.tollgate.approval.deployment.intake;

import dev.tollgate.approval.deployment.DecisionRefusedException;
import dev.tollgate.approval.deployment.DeploymentDecisions;
import dev.tollgate.approval.deployment.DeploymentIntake;
import dev.tollgate.approval.deployment.DeploymentNotFoundException;
import dev.tollgate.approval.deployment.RequestConflictException;
import dev.tollgate.approval.deployment.UnknownEnvironmentException;
import dev.tollgate.approval.deployment.api.DeploymentRequestBody;
import dev.tollgate.approval.deployment.domain.DeploymentRequest;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.policy.Actor;
import dev.tollgate.events.DeploymentCancelled;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.Envelope;
import dev.tollgate.strategy.InvalidStrategyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

/**
 * Treats a {@code DeploymentRequested} that CI wrote to the topic exactly like a REST request.
 * Records approval-service published itself (REST intake) are recognised by deployment id or
 * idempotency key and left alone. Throws {@link RejectedRecordException} for records that can
 * never be accepted; the container's error handler dead-letters them.
 */
public class DeploymentRequestListener implements MessageListener<String, DeploymentRequestEvent> {

  private static final Logger log = LoggerFactory.getLogger(DeploymentRequestListener.class);
  private static final Pattern DEPLOYMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  /** The record header CI may set instead of the payload's idempotencyKey, as REST's header. */
  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

  private final DeploymentIntake intake;
  private final DeploymentDecisions decisions;
  private final Validator validator;

  public DeploymentRequestListener(DeploymentIntake intake, DeploymentDecisions decisions, Validator validator) {
    this.intake = intake;
    this.decisions = decisions;
    this.validator = validator;
  }

  @Override
  public void onMessage(ConsumerRecord<String, DeploymentRequestEvent> record) {
    DeploymentRequestEvent event = record.value();
    if (event == null) {
      log.debug("Skipping tombstone at {}-{}@{}", record.topic(), record.partition(), record.offset());
      return;
    }
    Envelope envelope = event.getEnvelope();
    Object payload = event.getPayload();
    if (payload instanceof DeploymentRequested requested) {
      onRequested(record, envelope, requested);
    } else if (payload instanceof DeploymentCancelled cancelled) {
      onCancelled(envelope, cancelled);
    } else {
      throw new RejectedRecordException(RejectedRecordException.VALIDATION,
          "unknown payload type " + payload.getClass().getName());
    }
  }

  private void onRequested(ConsumerRecord<String, DeploymentRequestEvent> record, Envelope envelope,
      DeploymentRequested requested) {
    String deploymentId = deploymentIdOf(envelope);
    DeploymentRequestBody body;
    try {
      body = AvroRequests.toBody(envelope, requested);
    } catch (IllegalArgumentException e) {
      throw new RejectedRecordException(RejectedRecordException.VALIDATION, "strategy: " + e.getMessage());
    }
    var violations = validator.validate(body);
    if (!violations.isEmpty()) {
      throw new RejectedRecordException(RejectedRecordException.VALIDATION, violations.stream()
          .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
          .map(DeploymentRequestListener::describe)
          .collect(Collectors.joining("; ")));
    }
    if (record.key() != null && !record.key().equals(envelope.getModelName())) {
      throw new RejectedRecordException(RejectedRecordException.VALIDATION,
          "record key '" + record.key() + "' is not the model name '" + envelope.getModelName() + "'");
    }
    String idempotencyKey = idempotencyKeyOf(record, requested, envelope);
    DeploymentRequest request;
    try {
      request = body.toDomain(idempotencyKey);
    } catch (InvalidStrategyException e) {
      // not a deployment: refused like any invalid request, before it reaches approvers
      throw new RejectedRecordException(RejectedRecordException.VALIDATION, e.getMessage());
    }
    try {
      var outcome = intake.submit(request, Actor.named(envelope.getActor()),
          Intake.topic(envelope.getEventId()), deploymentId);
      if (outcome instanceof DeploymentIntake.Outcome.Existing existing) {
        log.debug("Request {} at {}-{}@{} is deployment {}, already known", envelope.getEventId(), record.topic(),
            record.partition(), record.offset(), existing.deployment().id());
      }
    } catch (UnknownEnvironmentException e) {
      throw new RejectedRecordException(RejectedRecordException.UNKNOWN_ENVIRONMENT, e.getMessage());
    } catch (RequestConflictException e) {
      throw new RejectedRecordException(RejectedRecordException.CONFLICT, e.getMessage());
    }
  }

  /**
   * The payload's {@code idempotencyKey}, else the record's {@code Idempotency-Key} header, else the
   * envelope's event id: a retried publish with the same key is the same deployment.
   */
  static String idempotencyKeyOf(ConsumerRecord<?, ?> record, DeploymentRequested requested, Envelope envelope) {
    if (requested.getIdempotencyKey() != null && !requested.getIdempotencyKey().isBlank()) {
      return requested.getIdempotencyKey();
    }
    var header = record.headers().lastHeader(IDEMPOTENCY_KEY_HEADER);
    if (header != null && header.value() != null && header.value().length > 0) {
      return new String(header.value(), StandardCharsets.UTF_8).strip();
    }
    return envelope.getEventId();
  }

  private void onCancelled(Envelope envelope, DeploymentCancelled cancelled) {
    if (envelope.getDeploymentId() == null) {
      throw new RejectedRecordException(RejectedRecordException.VALIDATION,
          "a cancellation needs envelope.deploymentId");
    }
    try {
      decisions.cancel(envelope.getDeploymentId(), envelope.getActor(), cancelled.getReason());
    } catch (DeploymentNotFoundException e) {
      throw new RejectedRecordException(RejectedRecordException.UNKNOWN_DEPLOYMENT, e.getMessage());
    } catch (DecisionRefusedException e) {
      log.info("Ignoring cancellation of deployment {}: {}", envelope.getDeploymentId(), e.getMessage());
    }
  }

  /**
   * CI chooses the deployment id; without one, an id derived from the event id keeps redeliveries
   * on the same deployment.
   */
  private static String deploymentIdOf(Envelope envelope) {
    String id = envelope.getDeploymentId();
    if (id == null) {
      return UUID.nameUUIDFromBytes(("tollgate-request:" + envelope.getEventId()).getBytes(StandardCharsets.UTF_8))
          .toString();
    }
    if (!DEPLOYMENT_ID.matcher(id).matches()) {
      throw new RejectedRecordException(RejectedRecordException.VALIDATION,
          "envelope.deploymentId must be 1-128 letters, digits, '.', '_', ':' or '-'");
    }
    return id;
  }

  private static String describe(ConstraintViolation<?> violation) {
    return violation.getPropertyPath().toString().replace("switchTraffic", "switch") + ": " + violation.getMessage();
  }
}
