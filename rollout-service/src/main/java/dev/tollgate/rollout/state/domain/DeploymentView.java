package dev.tollgate.rollout.state.domain;

import dev.tollgate.strategy.StrategyKind;
import dev.tollgate.rollout.strategy.TrafficWeight;
import java.time.Instant;
import java.util.List;

/**
 * The materialized state of one model version in one environment.
 *
 * @param appliedEventIds ids of the events folded in, newest last and bounded, so a redelivered
 *     event changes nothing
 */
public record DeploymentView(
    String deploymentId,
    String model,
    String version,
    String environment,
    VersionStatus status,
    String artifactDigest,
    StrategyKind strategyKind,
    int currentStepIndex,
    int stepCount,
    List<TrafficWeight> weights,
    List<String> approvers,
    String policyVersion,
    String lastVerdict,
    Profile profile,
    Instant requestedAt,
    Instant approvedAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt,
    String lastEventId,
    String lastEventType,
    List<String> appliedEventIds) {

  /** Plenty for one deployment's events; keeps the store value small. */
  public static final int APPLIED_ID_CAPACITY = 256;

  public DeploymentView {
    weights = weights == null ? List.of() : List.copyOf(weights);
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    appliedEventIds = appliedEventIds == null ? List.of() : List.copyOf(appliedEventIds);
    strategyKind = strategyKind == null ? StrategyKind.UNKNOWN : strategyKind;
    status = status == null ? VersionStatus.UNKNOWN : status;
  }

  public boolean applied(String eventId) {
    return appliedEventIds.contains(eventId);
  }

  Builder toBuilder() {
    return new Builder(this);
  }

  static DeploymentView empty(LifecycleEvent e, List<String> appliedEventIds) {
    return new DeploymentView(e.deploymentId(), e.model(), e.version(), e.environment(), VersionStatus.UNKNOWN, null,
        StrategyKind.UNKNOWN, -1, 0, List.of(), List.of(), null, null, null, null, null, null, null, e.occurredAt(),
        e.eventId(), e.eventType(), appliedEventIds);
  }

  /** Copy-and-change for the fold; package-private so only the fold changes views. */
  static final class Builder {
    String deploymentId;
    String model;
    String version;
    String environment;
    VersionStatus status;
    String artifactDigest;
    StrategyKind strategyKind;
    int currentStepIndex;
    int stepCount;
    List<TrafficWeight> weights;
    List<String> approvers;
    String policyVersion;
    String lastVerdict;
    Profile profile;
    Instant requestedAt;
    Instant approvedAt;
    Instant startedAt;
    Instant finishedAt;
    Instant updatedAt;
    String lastEventId;
    String lastEventType;
    List<String> appliedEventIds;

    private Builder(DeploymentView v) {
      deploymentId = v.deploymentId;
      model = v.model;
      version = v.version;
      environment = v.environment;
      status = v.status;
      artifactDigest = v.artifactDigest;
      strategyKind = v.strategyKind;
      currentStepIndex = v.currentStepIndex;
      stepCount = v.stepCount;
      weights = v.weights;
      approvers = v.approvers;
      policyVersion = v.policyVersion;
      lastVerdict = v.lastVerdict;
      profile = v.profile;
      requestedAt = v.requestedAt;
      approvedAt = v.approvedAt;
      startedAt = v.startedAt;
      finishedAt = v.finishedAt;
      updatedAt = v.updatedAt;
      lastEventId = v.lastEventId;
      lastEventType = v.lastEventType;
      appliedEventIds = v.appliedEventIds;
    }

    DeploymentView build() {
      return new DeploymentView(deploymentId, model, version, environment, status, artifactDigest, strategyKind,
          currentStepIndex, stepCount, weights, approvers, policyVersion, lastVerdict, profile, requestedAt,
          approvedAt, startedAt, finishedAt, updatedAt, lastEventId, lastEventType, appliedEventIds);
    }
  }
}
