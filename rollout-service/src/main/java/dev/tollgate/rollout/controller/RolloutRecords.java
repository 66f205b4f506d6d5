package dev.tollgate.rollout.controller;

import dev.tollgate.events.AnalysisFailed;
import dev.tollgate.events.AnalysisPassed;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.GateRequested;
import dev.tollgate.events.ExperimentConcluded;
import dev.tollgate.events.RollbackCompleted;
import dev.tollgate.events.RollbackTrigger;
import dev.tollgate.events.RollbackTriggered;
import dev.tollgate.events.RolloutAborted;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPaused;
import dev.tollgate.events.RolloutResumed;
import dev.tollgate.events.RolloutPromoted;
import dev.tollgate.events.RolloutStarted;
import dev.tollgate.events.StepCompleted;
import dev.tollgate.events.StepStarted;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.rollout.strategy.DeploymentRef;
import dev.tollgate.rollout.strategy.RolloutDomainEvent;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/** Turns the controller's domain events into the Avro records it publishes. */
public final class RolloutRecords {

  /** The actor of every event rollout-service writes. */
  public static final String ACTOR = "system:rollout-service";

  private final Supplier<String> eventIds;

  public RolloutRecords(Supplier<String> eventIds) {
    this.eventIds = eventIds;
  }

  /**
   * A {@link RolloutEvent} for ROLLOUTS, or a {@link TrafficCommand} for TRAFFIC_COMMANDS.
   *
   * @param causationId the id of the event that led to this one
   */
  public SpecificRecord toRecord(RolloutDomainEvent event, String causationId, Instant occurredAt) {
    Envelope envelope = envelope(event.deployment(), causationId, occurredAt);
    if (event instanceof RolloutDomainEvent.TrafficShifted shifted) {
      return TrafficCommand.newBuilder()
          .setEnvelope(envelope)
          .setCommandId(shifted.commandId())
          .setWeights(shifted.weights().stream().map(w -> new VersionWeight(w.modelVersion(), w.weight())).toList())
          .setAckDeadline(shifted.ackDeadline())
          .setPreviewVersions(shifted.previewVersions())
          .build();
    }
    return RolloutEvent.newBuilder().setEnvelope(envelope).setPayload(payload(event)).build();
  }

  private static Object payload(RolloutDomainEvent event) {
    if (event instanceof RolloutDomainEvent.Started s) {
      return RolloutStarted.newBuilder()
          .setStrategy(StrategyMapping.toAvro(s.strategy()))
          .setBaselineVersion(s.baselineVersion())
          .setArtifactDigest(s.artifactDigest())
          .build();
    } else if (event instanceof RolloutDomainEvent.StepStarted s) {
      return new StepStarted(s.stepIndex(), s.stepType());
    } else if (event instanceof RolloutDomainEvent.StepCompleted s) {
      return new StepCompleted(s.stepIndex(), s.stepType());
    } else if (event instanceof RolloutDomainEvent.Promoted p) {
      return new RolloutPromoted(p.previousVersion());
    } else if (event instanceof RolloutDomainEvent.AnalysisPassed a) {
      return new AnalysisPassed(a.stepIndex(), HealthMapping.toAvro(a.last().candidate()),
          HealthMapping.toAvro(a.last().baseline()), a.summary());
    } else if (event instanceof RolloutDomainEvent.AnalysisFailed a) {
      return new AnalysisFailed(a.stepIndex(), HealthMapping.toAvro(a.last().candidate()),
          HealthMapping.toAvro(a.last().baseline()), a.summary());
    } else if (event instanceof RolloutDomainEvent.RollbackTriggered r) {
      return new RollbackTriggered(RollbackTrigger.valueOf(r.trigger().name()), r.reason(), r.stepIndex(),
          r.rollbackToVersion(), HealthMapping.toAvro(r.evidence()));
    } else if (event instanceof RolloutDomainEvent.RollbackCompleted r) {
      return new RollbackCompleted(r.restoredVersion());
    } else if (event instanceof RolloutDomainEvent.ExperimentConcluded e) {
      return ExperimentConcluded.newBuilder()
          .setStepIndex(e.stepIndex())
          .setMetric(e.metric())
          .setWinnerVersion(e.winnerVersion())
          .setPValue(e.test().pValue())
          .setBaseline(HealthMapping.toAvro(e.baseline()))
          .setCandidate(HealthMapping.toAvro(e.candidate()))
          .setU(e.test().uA())
          .setBaselineMedian(Double.isNaN(e.baselineMedian()) ? null : e.baselineMedian())
          .setCandidateMedian(Double.isNaN(e.candidateMedian()) ? null : e.candidateMedian())
          .setBaselineValueCount(e.test().nB())
          .setCandidateValueCount(e.test().nA())
          .setSummary(e.summary())
          .build();
    } else if (event instanceof RolloutDomainEvent.Aborted a) {
      return new RolloutAborted(a.reason());
    } else if (event instanceof RolloutDomainEvent.GateRequested g) {
      return new GateRequested(g.gate(), g.stepIndex(), g.currentWeight());
    } else if (event instanceof RolloutDomainEvent.Paused p) {
      return new RolloutPaused(p.stepIndex(), p.reason());
    } else if (event instanceof RolloutDomainEvent.Resumed r) {
      return new RolloutResumed(r.stepIndex());
    }
    throw new IllegalArgumentException("no rollout event for " + event);
  }

  private Envelope envelope(DeploymentRef ref, String causationId, Instant occurredAt) {
    return Envelope.newBuilder()
        .setEventId(eventIds.get())
        .setOccurredAt(occurredAt)
        .setActor(ACTOR)
        .setDeploymentId(ref.deploymentId())
        .setModelName(ref.model())
        .setModelVersion(ref.version())
        .setEnvironment(ref.environment())
        .setCausationId(causationId)
        .build();
  }
}
