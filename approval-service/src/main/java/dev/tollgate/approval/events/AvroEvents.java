package dev.tollgate.approval.events;

import dev.tollgate.approval.deployment.domain.DeploymentEvent;
import dev.tollgate.approval.deployment.domain.EventHeader;
import dev.tollgate.events.ApprovalCommented;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.ApprovalExpired;
import dev.tollgate.events.ApprovalGranted;
import dev.tollgate.events.ApprovalRejected;
import dev.tollgate.events.ApprovalRequested;
import dev.tollgate.events.ApprovalWithdrawn;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentRejected;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.DeploymentSuperseded;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.GateApprovalGranted;
import dev.tollgate.events.GateApproved;
import dev.tollgate.events.GateRejected;
import dev.tollgate.schemas.topic.Topics;

/** Converts the aggregate's events into the Avro events of the runtime contract. */
public final class AvroEvents {

  private AvroEvents() {}

  public static OutboundEvent toAvro(DeploymentEvent event) {
    Envelope envelope = envelope(event.header());
    if (event instanceof DeploymentEvent.DeploymentRequested e) {
      return requests(envelope, DeploymentRequested.newBuilder()
          .setArtifactDigest(e.artifactDigest())
          .setSource(AvroValues.source(e.source()))
          .setStrategy(e.requestedStrategy() == null ? null : AvroValues.strategy(e.requestedStrategy()))
          .setProfile(AvroValues.profile(e.profile()))
          .setIdempotencyKey(e.idempotencyKey())
          .build());
    }
    if (event instanceof DeploymentEvent.ApprovalRequested e) {
      return approvals(envelope, ApprovalRequested.newBuilder()
          .setArtifactDigest(e.artifactDigest())
          .setPolicyVersion(e.policyVersion())
          .setStrategy(AvroValues.strategy(e.strategy()))
          .setProfile(AvroValues.profile(e.profile()))
          .setRequestedBy(e.requestedBy())
          .setExpiresAt(e.expiresAt())
          .build());
    }
    if (event instanceof DeploymentEvent.ApprovalGranted e) {
      return approvals(envelope, ApprovalGranted.newBuilder()
          .setApprover(e.approver())
          .setRoles(e.roles())
          .setArtifactDigest(e.artifactDigest())
          .setPolicyVersion(e.policyVersion())
          .setReason(e.comment())
          .setBreakGlass(e.breakGlass())
          .setEvaluation(AvroValues.evaluation(e.evaluation()))
          .build());
    }
    if (event instanceof DeploymentEvent.ApprovalRejected e) {
      return approvals(envelope, ApprovalRejected.newBuilder()
          .setApprover(e.approver())
          .setRoles(e.roles())
          .setArtifactDigest(e.artifactDigest())
          .setPolicyVersion(e.policyVersion())
          .setReason(e.reason())
          .build());
    }
    if (event instanceof DeploymentEvent.DeploymentApproved e) {
      return approvals(envelope, DeploymentApproved.newBuilder()
          .setArtifactDigest(e.artifactDigest())
          .setPolicyVersion(e.policyVersion())
          .setApprovers(e.approvers())
          .setStrategy(AvroValues.strategy(e.strategy()))
          .setProfile(AvroValues.profile(e.profile()))
          .setBreakGlass(e.breakGlass())
          .setEvaluation(AvroValues.evaluation(e.evaluation()))
          .build());
    }
    if (event instanceof DeploymentEvent.DeploymentRejected e) {
      return approvals(envelope, DeploymentRejected.newBuilder()
          .setReason(e.reason())
          .setEvaluation(AvroValues.evaluation(e.evaluation()))
          .build());
    }
    if (event instanceof DeploymentEvent.ApprovalWithdrawn e) {
      return approvals(envelope, ApprovalWithdrawn.newBuilder()
          .setWithdrawnBy(e.withdrawnBy())
          .setReason(e.reason())
          .setRoles(e.roles())
          .build());
    }
    if (event instanceof DeploymentEvent.ApprovalExpired e) {
      return approvals(envelope, ApprovalExpired.newBuilder().setApprover(e.approver()).build());
    }
    if (event instanceof DeploymentEvent.ApprovalCommented e) {
      return approvals(envelope, ApprovalCommented.newBuilder()
          .setAuthor(e.author())
          .setComment(e.comment())
          .build());
    }
    if (event instanceof DeploymentEvent.DeploymentSuperseded e) {
      return approvals(envelope, DeploymentSuperseded.newBuilder()
          .setSupersededByDeploymentId(e.supersededByDeploymentId())
          .setSupersededByVersion(e.supersededByVersion())
          .build());
    }
    if (event instanceof DeploymentEvent.GateApproved e) {
      return approvals(envelope, GateApproved.newBuilder()
          .setGate(e.gate())
          .setStepIndex(e.stepIndex())
          .setApprovers(e.approvers())
          .setPolicyVersion(e.policyVersion())
          .setRoles(e.roles())
          .setEvaluation(AvroValues.evaluation(e.evaluation()))
          .build());
    }
    if (event instanceof DeploymentEvent.GateApprovalGranted e) {
      return approvals(envelope, GateApprovalGranted.newBuilder()
          .setGate(e.gate())
          .setStepIndex(e.stepIndex())
          .setApprover(e.approver())
          .setRoles(e.roles())
          .setArtifactDigest(e.artifactDigest())
          .setPolicyVersion(e.policyVersion())
          .setReason(e.comment())
          .setEvaluation(AvroValues.evaluation(e.evaluation()))
          .build());
    }
    if (event instanceof DeploymentEvent.GateRejected e) {
      return approvals(envelope, GateRejected.newBuilder()
          .setGate(e.gate())
          .setStepIndex(e.stepIndex())
          .setRejectedBy(e.rejectedBy())
          .setReason(e.reason())
          .setRoles(e.roles())
          .setEvaluation(AvroValues.evaluation(e.evaluation()))
          .build());
    }
    throw new IllegalArgumentException("no Avro form for " + event);
  }

  static Envelope envelope(EventHeader header) {
    return Envelope.newBuilder()
        .setEventId(header.eventId().toString())
        .setOccurredAt(header.occurredAt())
        .setActor(header.actor())
        .setDeploymentId(header.deploymentId())
        .setModelName(header.modelName())
        .setModelVersion(header.modelVersion())
        .setEnvironment(header.environment())
        .setCausationId(header.causationId())
        .build();
  }

  private static OutboundEvent requests(Envelope envelope, Object payload) {
    return new OutboundEvent(Topics.DEPLOYMENT_REQUESTS, envelope.getModelName(),
        DeploymentRequestEvent.newBuilder().setEnvelope(envelope).setPayload(payload).build(),
        envelope.getEventId(), payload.getClass().getSimpleName());
  }

  private static OutboundEvent approvals(Envelope envelope, Object payload) {
    return new OutboundEvent(Topics.APPROVALS, envelope.getModelName(),
        ApprovalEvent.newBuilder().setEnvelope(envelope).setPayload(payload).build(),
        envelope.getEventId(), payload.getClass().getSimpleName());
  }
}
