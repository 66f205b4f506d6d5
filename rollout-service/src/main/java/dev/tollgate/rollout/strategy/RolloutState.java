package dev.tollgate.rollout.strategy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The controller's state of one rollout. Status and phase are not stored: {@link #status()}
 * derives them.
 *
 * @param deployment the deployment being rolled out
 * @param artifactDigest the digest the approval is bound to
 * @param strategy the validated strategy
 * @param baselineVersion the known-good version in the environment when the rollout started; null: none
 * @param approvalEventId the DeploymentApproved event that started it (causation of timer-driven events)
 * @param stepIndex index of the current step; equals the step count once all steps are done
 * @param stepStartedAt when the current step started; null before it starts
 * @param candidateWeight the traffic share last commanded for the new version
 * @param lastTrafficCommandId the id of the last traffic command (acknowledgements refer to it)
 * @param pauseUntil end of the current timed pause; null when not pausing
 * @param startedAt when the rollout started
 * @param finishedAt when it was promoted or aborted; null while it runs
 * @param promoted phase flag: all steps done, 100 % on the new version
 * @param abortReason phase flag and reason: non-null once aborted
 */
public record RolloutState(
    DeploymentRef deployment,
    String artifactDigest,
    Strategy strategy,
    String baselineVersion,
    String approvalEventId,
    int stepIndex,
    Instant stepStartedAt,
    int candidateWeight,
    String lastTrafficCommandId,
    Instant pauseUntil,
    Instant startedAt,
    Instant finishedAt,
    boolean promoted,
    String abortReason) {

  public RolloutState {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  static RolloutState started(ApprovedDeployment approved, Strategy strategy, String baselineVersion, Instant now) {
    return new RolloutState(approved.deployment(), approved.artifactDigest(), strategy, baselineVersion,
        approved.eventId(), 0, null, 0, null, null, now, null, false, null);
  }

  public RolloutStatus status() {
    return RolloutStatus.of(this);
  }

  public boolean active() {
    return !status().phase().terminal();
  }

  public boolean allStepsDone() {
    return stepIndex >= strategy.size();
  }

  /** The split this rollout asks for now: the new version's weight, the rest to the baseline if there is one. */
  public List<TrafficWeight> weights() {
    TrafficWeight candidate = new TrafficWeight(deployment.version(), candidateWeight);
    if (baselineVersion == null || baselineVersion.equals(deployment.version())) {
      return List.of(candidate);
    }
    return List.of(candidate, new TrafficWeight(baselineVersion, 100 - candidateWeight));
  }

  RolloutState withStepStarted(Instant at) {
    return new RolloutState(deployment, artifactDigest, strategy, baselineVersion, approvalEventId, stepIndex, at,
        candidateWeight, lastTrafficCommandId, pauseUntil, startedAt, finishedAt, promoted, abortReason);
  }

  RolloutState withNextStep() {
    return new RolloutState(deployment, artifactDigest, strategy, baselineVersion, approvalEventId, stepIndex + 1, null,
        candidateWeight, lastTrafficCommandId, null, startedAt, finishedAt, promoted, abortReason);
  }

  RolloutState withWeight(int weight, String commandId) {
    return new RolloutState(deployment, artifactDigest, strategy, baselineVersion, approvalEventId, stepIndex,
        stepStartedAt, weight, commandId, pauseUntil, startedAt, finishedAt, promoted, abortReason);
  }

  RolloutState withPauseUntil(Instant until) {
    return new RolloutState(deployment, artifactDigest, strategy, baselineVersion, approvalEventId, stepIndex,
        stepStartedAt, candidateWeight, lastTrafficCommandId, until, startedAt, finishedAt, promoted, abortReason);
  }

  RolloutState withPromoted(Instant at) {
    return new RolloutState(deployment, artifactDigest, strategy, baselineVersion, approvalEventId, stepIndex, null,
        candidateWeight, lastTrafficCommandId, null, startedAt, at, true, abortReason);
  }

  RolloutState withAborted(String reason, Instant at) {
    return new RolloutState(deployment, artifactDigest, strategy, baselineVersion, approvalEventId, stepIndex,
        stepStartedAt, candidateWeight, lastTrafficCommandId, null, startedAt, at, promoted, reason);
  }
}
