package dev.tollgate.rollout.state;

import dev.tollgate.events.AnalysisFailed;
import dev.tollgate.events.AnalysisPassed;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.ApprovalGranted;
import dev.tollgate.events.ApprovalRequested;
import dev.tollgate.events.ApprovalWithdrawn;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentCancelled;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.DeploymentRejected;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.DeploymentSuperseded;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.ExperimentConcluded;
import dev.tollgate.events.GateApproved;
import dev.tollgate.events.GateRejected;
import dev.tollgate.events.GateRequested;
import dev.tollgate.events.RollbackCompleted;
import dev.tollgate.events.RollbackTriggered;
import dev.tollgate.events.RolloutAborted;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPaused;
import dev.tollgate.events.RolloutPromoted;
import dev.tollgate.events.RolloutResumed;
import dev.tollgate.events.RolloutStarted;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.StepCompleted;
import dev.tollgate.events.StepStarted;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.rollout.controller.StrategyMapping;
import dev.tollgate.rollout.state.domain.LifecycleEvent;
import dev.tollgate.rollout.state.domain.LifecycleEvent.Change;
import dev.tollgate.rollout.state.domain.Profile;
import dev.tollgate.rollout.state.domain.VersionStatus;
import dev.tollgate.rollout.strategy.TrafficWeight;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Avro lifecycle records to the fold's {@link LifecycleEvent}s. */
public final class LifecycleEventMapping {

  private LifecycleEventMapping() {}

  /** Empty for records the fold does not track (no deployment id, or not a lifecycle record). */
  public static Optional<LifecycleEvent> from(SpecificRecord record) {
    if (record instanceof DeploymentRequestEvent e) {
      return event(e.getEnvelope(), e.getPayload(), request(e.getPayload()));
    } else if (record instanceof ApprovalEvent e) {
      return event(e.getEnvelope(), e.getPayload(), approval(e.getPayload()));
    } else if (record instanceof RolloutEvent e) {
      return event(e.getEnvelope(), e.getPayload(), rollout(e.getPayload()));
    } else if (record instanceof TrafficCommand c) {
      return event(c.getEnvelope(), c, new LifecycleEvent.TrafficSet(
          c.getWeights().stream().map(w -> new TrafficWeight(w.getModelVersion(), w.getWeight())).toList()));
    }
    return Optional.empty();
  }

  private static Optional<LifecycleEvent> event(Envelope envelope, Object payload, Change change) {
    if (envelope == null || envelope.getDeploymentId() == null) {
      return Optional.empty();
    }
    return Optional.of(new LifecycleEvent(envelope.getEventId(), payload.getClass().getSimpleName(),
        envelope.getOccurredAt(), envelope.getActor(), envelope.getDeploymentId(), envelope.getModelName(),
        envelope.getModelVersion(), envelope.getEnvironment(), change));
  }

  private static Change request(Object payload) {
    if (payload instanceof DeploymentRequested r) {
      RolloutStrategy strategy = r.getStrategy();
      return new LifecycleEvent.Requested(r.getArtifactDigest(),
          strategy == null ? null : StrategyMapping.kind(strategy.getKind()),
          strategy == null ? null : strategy.getSteps().size(), profile(r.getProfile()));
    } else if (payload instanceof DeploymentCancelled) {
      return new LifecycleEvent.StatusReached(VersionStatus.CANCELLED, true);
    }
    return new LifecycleEvent.Noted();
  }

  private static Change approval(Object payload) {
    if (payload instanceof ApprovalRequested r) {
      return new LifecycleEvent.ApprovalRequested(r.getArtifactDigest(), r.getPolicyVersion(),
          StrategyMapping.kind(r.getStrategy().getKind()), r.getStrategy().getSteps().size(), profile(r.getProfile()));
    } else if (payload instanceof ApprovalGranted g) {
      return new LifecycleEvent.ApprovalGranted(g.getApprover(), g.getPolicyVersion());
    } else if (payload instanceof ApprovalWithdrawn w) {
      return new LifecycleEvent.ApprovalWithdrawn(w.getWithdrawnBy());
    } else if (payload instanceof DeploymentApproved a) {
      return new LifecycleEvent.Approved(a.getArtifactDigest(), a.getPolicyVersion(), a.getApprovers(),
          StrategyMapping.kind(a.getStrategy().getKind()), a.getStrategy().getSteps().size(), profile(a.getProfile()));
    } else if (payload instanceof DeploymentRejected) {
      return new LifecycleEvent.StatusReached(VersionStatus.REJECTED, true);
    } else if (payload instanceof DeploymentSuperseded) {
      return new LifecycleEvent.StatusReached(VersionStatus.SUPERSEDED, true);
    } else if (payload instanceof GateApproved g) {
      return new LifecycleEvent.Verdict("gate " + g.getGate() + " (step " + g.getStepIndex() + ") approved by "
          + String.join(", ", g.getApprovers()));
    } else if (payload instanceof GateRejected g) {
      return new LifecycleEvent.Verdict("gate " + g.getGate() + " (step " + g.getStepIndex() + ") rejected by "
          + g.getRejectedBy() + ": " + g.getReason());
    }
    // single rejections, comments, expiries and gate votes do not move the version's status by themselves;
    // gate decisions are the verdict, the rollout's own events move the status
    return new LifecycleEvent.Noted();
  }

  private static Change rollout(Object payload) {
    if (payload instanceof RolloutStarted s) {
      return new LifecycleEvent.RolloutStarted(StrategyMapping.kind(s.getStrategy().getKind()),
          s.getStrategy().getSteps().size(), s.getArtifactDigest());
    } else if (payload instanceof StepStarted s) {
      return new LifecycleEvent.StepReached(s.getStepIndex());
    } else if (payload instanceof StepCompleted s) {
      return new LifecycleEvent.StepReached(s.getStepIndex());
    } else if (payload instanceof GateRequested g) {
      return new LifecycleEvent.GateAwaited(g.getStepIndex(), g.getGate());
    } else if (payload instanceof AnalysisPassed a) {
      return new LifecycleEvent.Verdict("passed: " + a.getSummary());
    } else if (payload instanceof AnalysisFailed a) {
      return new LifecycleEvent.Verdict("failed: " + a.getSummary());
    } else if (payload instanceof ExperimentConcluded e) {
      if (e.getSummary() != null) {
        return new LifecycleEvent.Verdict("experiment " + e.getSummary());
      }
      return new LifecycleEvent.Verdict("experiment on " + e.getMetric() + ": "
          + (e.getWinnerVersion() == null ? "no significant difference" : "winner " + e.getWinnerVersion())
          + " (p=" + e.getPValue() + ")");
    } else if (payload instanceof RolloutPaused) {
      return new LifecycleEvent.StatusReached(VersionStatus.PAUSED, false);
    } else if (payload instanceof RolloutResumed) {
      return new LifecycleEvent.StatusReached(VersionStatus.ROLLING_OUT, false);
    } else if (payload instanceof RolloutPromoted) {
      return new LifecycleEvent.Promoted();
    } else if (payload instanceof RollbackTriggered) {
      return new LifecycleEvent.StatusReached(VersionStatus.ROLLING_BACK, false);
    } else if (payload instanceof RollbackCompleted) {
      return new LifecycleEvent.StatusReached(VersionStatus.ROLLED_BACK, true);
    } else if (payload instanceof RolloutAborted) {
      return new LifecycleEvent.StatusReached(VersionStatus.ABORTED, true);
    }
    return new LifecycleEvent.Noted();
  }

  private static Profile profile(DeploymentProfile p) {
    return p == null ? null
        : new Profile(p.getInstanceType(), p.getInstanceSize(), p.getReplicas(), p.getLocation(), p.getUpdateSchedule());
  }
}
