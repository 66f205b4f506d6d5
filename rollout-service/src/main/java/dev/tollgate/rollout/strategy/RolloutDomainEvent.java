package dev.tollgate.rollout.strategy;

import dev.tollgate.rollout.analysis.HealthStats;
import dev.tollgate.rollout.analysis.Measurement;
import dev.tollgate.strategy.Strategy;
import java.time.Instant;
import java.util.List;

/**
 * What the controller's commands cause. Adapters publish them (rollout events, traffic commands);
 * the controller never does.
 */
public sealed interface RolloutDomainEvent
    permits RolloutDomainEvent.Started, RolloutDomainEvent.StepStarted, RolloutDomainEvent.StepCompleted,
        RolloutDomainEvent.TrafficShifted, RolloutDomainEvent.AnalysisPassed, RolloutDomainEvent.AnalysisFailed,
        RolloutDomainEvent.Promoted, RolloutDomainEvent.RollbackTriggered, RolloutDomainEvent.RollbackCompleted,
        RolloutDomainEvent.Aborted, RolloutDomainEvent.GateRequested, RolloutDomainEvent.Paused,
        RolloutDomainEvent.Resumed, RolloutDomainEvent.ExperimentConcluded {

  DeploymentRef deployment();

  record Started(DeploymentRef deployment, Strategy strategy, String baselineVersion, String artifactDigest)
      implements RolloutDomainEvent {}

  record StepStarted(DeploymentRef deployment, int stepIndex, String stepType) implements RolloutDomainEvent {}

  record StepCompleted(DeploymentRef deployment, int stepIndex, String stepType) implements RolloutDomainEvent {}

  /**
   * Ask the serving platform for this split; acknowledgements refer to {@code commandId}.
   * {@code previewVersions}: versions to keep running without live traffic (a blue-green preview
   * before the switch, the old version on standby after it); versions in neither list may be removed.
   */
  record TrafficShifted(DeploymentRef deployment, String commandId, List<TrafficWeight> weights, Instant ackDeadline,
      List<String> previewVersions) implements RolloutDomainEvent {
    public TrafficShifted {
      weights = List.copyOf(weights);
      previewVersions = previewVersions == null ? List.of() : List.copyOf(previewVersions);
    }

    public TrafficShifted(DeploymentRef deployment, String commandId, List<TrafficWeight> weights,
        Instant ackDeadline) {
      this(deployment, commandId, weights, ackDeadline, List.of());
    }
  }

  /**
   * An A/B experiment's result. {@code winnerVersion} is null when the difference is not
   * significant; {@code test} holds U, the p-value and the value counts, with the medians.
   */
  record ExperimentConcluded(DeploymentRef deployment, int stepIndex, String metric, String winnerVersion,
      dev.tollgate.rollout.analysis.MannWhitney.Result test, double baselineMedian, double candidateMedian,
      HealthStats baseline, HealthStats candidate, String summary) implements RolloutDomainEvent {}

  /** The analysis step passed; {@code last} is the measurement that completed it, with its numbers. */
  record AnalysisPassed(DeploymentRef deployment, int stepIndex, Measurement last, String summary)
      implements RolloutDomainEvent {}

  /** The analysis step failed; {@code last} is the measurement that exceeded the failure limit. */
  record AnalysisFailed(DeploymentRef deployment, int stepIndex, Measurement last, String summary)
      implements RolloutDomainEvent {}

  /** The new version has all traffic and is the known-good version of its environment. */
  record Promoted(DeploymentRef deployment, String previousVersion) implements RolloutDomainEvent {}

  /**
   * Traffic goes back to {@code rollbackToVersion}, the last version that completed a rollout in the
   * lane (null: none, traffic is withdrawn). {@code evidence}: the candidate's health that caused it, if any.
   */
  record RollbackTriggered(DeploymentRef deployment, RollbackTrigger trigger, String reason, int stepIndex,
      String rollbackToVersion, HealthStats evidence) implements RolloutDomainEvent {}

  /** The restore is in effect. */
  record RollbackCompleted(DeploymentRef deployment, String restoredVersion) implements RolloutDomainEvent {}

  /** The rollout stopped (or was refused before it started); {@code reason} comes from {@link AbortReasons}. */
  record Aborted(DeploymentRef deployment, String reason) implements RolloutDomainEvent {}

  /** The rollout waits at gate step {@code stepIndex} until approval-service decides {@code gate}. */
  record GateRequested(DeploymentRef deployment, String gate, int stepIndex, int currentWeight)
      implements RolloutDomainEvent {}

  /** No step progresses: an operator paused the rollout, or it reached a pause without duration. */
  record Paused(DeploymentRef deployment, int stepIndex, String reason) implements RolloutDomainEvent {}

  /** Steps progress again: an operator resumed or promoted, or the gate it waited at was approved. */
  record Resumed(DeploymentRef deployment, int stepIndex) implements RolloutDomainEvent {}
}
