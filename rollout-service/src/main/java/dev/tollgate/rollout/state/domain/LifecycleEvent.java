package dev.tollgate.rollout.state.domain;

import dev.tollgate.strategy.StrategyKind;
import dev.tollgate.rollout.strategy.TrafficWeight;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A lifecycle event as the fold sees it: the envelope and what the event changes.
 *
 * @param eventType the event's record name, e.g. {@code DeploymentApproved}
 */
public record LifecycleEvent(
    String eventId, String eventType, Instant occurredAt, String actor, String deploymentId, String model,
    String version, String environment, Change change) {

  public LifecycleEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(deploymentId, "deploymentId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(change, "change");
  }

  /** What an event changes in a version's state. */
  public sealed interface Change
      permits Requested, ApprovalRequested, ApprovalGranted, ApprovalWithdrawn, Approved, RolloutStarted,
          StepReached, StatusReached, Promoted, Verdict, TrafficSet, Noted, GateAwaited {

    /** Events that begin a deployment; only these may replace the state of another deployment of the same version. */
    default boolean opensDeployment() {
      return false;
    }
  }

  /** CI asked for the deployment; strategy kind and step count are null when the environment default applies. */
  public record Requested(String artifactDigest, StrategyKind strategyKind, Integer stepCount, Profile profile)
      implements Change {
    @Override
    public boolean opensDeployment() {
      return true;
    }
  }

  public record ApprovalRequested(
      String artifactDigest, String policyVersion, StrategyKind strategyKind, int stepCount, Profile profile)
      implements Change {
    @Override
    public boolean opensDeployment() {
      return true;
    }
  }

  public record ApprovalGranted(String approver, String policyVersion) implements Change {}

  public record ApprovalWithdrawn(String approver) implements Change {}

  public record Approved(
      String artifactDigest, String policyVersion, List<String> approvers, StrategyKind strategyKind, int stepCount,
      Profile profile) implements Change {
    public Approved {
      approvers = List.copyOf(approvers);
    }

    @Override
    public boolean opensDeployment() {
      return true;
    }
  }

  public record RolloutStarted(StrategyKind strategyKind, int stepCount, String artifactDigest) implements Change {}

  public record StepReached(int stepIndex) implements Change {}

  /** The rollout waits at gate step {@code stepIndex} for approval-service's decision on {@code gate}. */
  public record GateAwaited(int stepIndex, String gate) implements Change {}

  /** Moves the status; {@code finishes} stamps finishedAt (rejected, cancelled, aborted, rolled back …). */
  public record StatusReached(VersionStatus status, boolean finishes) implements Change {}

  public record Promoted() implements Change {}

  /** An analysis or experiment verdict, in words. */
  public record Verdict(String verdict) implements Change {}

  /** A traffic split commanded for this version's rollout. */
  public record TrafficSet(List<TrafficWeight> weights) implements Change {
    public TrafficSet {
      weights = List.copyOf(weights);
    }
  }

  /** Kept in the state only as the last event (comments, gate decisions, acknowledgements …). */
  public record Noted() implements Change {}
}
