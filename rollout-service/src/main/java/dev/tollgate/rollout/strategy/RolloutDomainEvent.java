package dev.tollgate.rollout.strategy;

import java.time.Instant;
import java.util.List;

/**
 * What the controller's commands cause. Adapters publish them (rollout events, traffic commands);
 * the controller never does.
 */
public sealed interface RolloutDomainEvent
    permits RolloutDomainEvent.Started, RolloutDomainEvent.StepStarted, RolloutDomainEvent.StepCompleted,
        RolloutDomainEvent.TrafficShifted, RolloutDomainEvent.Promoted, RolloutDomainEvent.Aborted {

  DeploymentRef deployment();

  record Started(DeploymentRef deployment, Strategy strategy, String baselineVersion, String artifactDigest)
      implements RolloutDomainEvent {}

  record StepStarted(DeploymentRef deployment, int stepIndex, String stepType) implements RolloutDomainEvent {}

  record StepCompleted(DeploymentRef deployment, int stepIndex, String stepType) implements RolloutDomainEvent {}

  /** Ask the serving platform for this split; acknowledgements refer to {@code commandId}. */
  record TrafficShifted(DeploymentRef deployment, String commandId, List<TrafficWeight> weights, Instant ackDeadline)
      implements RolloutDomainEvent {
    public TrafficShifted {
      weights = List.copyOf(weights);
    }
  }

  /** The new version has all traffic and is the known-good version of its environment. */
  record Promoted(DeploymentRef deployment, String previousVersion) implements RolloutDomainEvent {}

  /** The rollout stopped (or was refused before it started); {@code reason} comes from {@link AbortReasons}. */
  record Aborted(DeploymentRef deployment, String reason) implements RolloutDomainEvent {}
}
