package dev.tollgate.rollout.strategy;

import dev.tollgate.strategy.Strategy;
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
 * @param ackDeadline while waiting for the acknowledgement of the last command: its deadline; else null
 * @param shiftedAtStep the step index whose traffic command was sent (the step count for the final
 *     shift to 100 %); -1 before any
 * @param pauseUntil end of the current timed pause; null when not pausing
 * @param windowStart start of the current health analysis window (restarted per step and per measurement)
 * @param analysis progress of the current analysis step; null when not analysing
 * @param startedAt when the rollout started
 * @param finishedAt when it was promoted, rolled back or aborted; null while it runs
 * @param promoted phase flag: all steps done, 100 % on the new version
 * @param abortReason phase flag and reason: non-null once aborted
 * @param rollback phase flag and details: non-null once a rollback was triggered
 * @param control operator pause and promote, the current step's deadline ({@link StepControl#NONE} when
 *     none; a lane stored before this field existed reads as none)
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
    Instant ackDeadline,
    int shiftedAtStep,
    Instant pauseUntil,
    Instant windowStart,
    AnalysisRun analysis,
    Instant startedAt,
    Instant finishedAt,
    boolean promoted,
    String abortReason,
    Rollback rollback,
    StepControl control) {

  public RolloutState {
    control = control == null ? StepControl.NONE : control;
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  static RolloutState started(ApprovedDeployment approved, Strategy strategy, String baselineVersion, Instant now) {
    return new RolloutState(approved.deployment(), approved.artifactDigest(), strategy, baselineVersion,
        approved.eventId(), 0, null, 0, null, null, -1, null, now, null, now, null, false, null, null,
        StepControl.NONE);
  }

  public RolloutStatus status() {
    return RolloutStatus.of(this);
  }

  public RolloutPhase phase() {
    return status().phase();
  }

  public boolean active() {
    return !phase().terminal();
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

  private Builder with() {
    return new Builder(this);
  }

  RolloutState withStepStarted(Instant at) {
    return with().set(b -> {
      b.stepStartedAt = at;
      b.windowStart = at;
    });
  }

  RolloutState withNextStep() {
    return with().set(b -> {
      b.stepIndex = stepIndex + 1;
      b.stepStartedAt = null;
      b.pauseUntil = null;
      b.analysis = null;
      b.control = control.withDeadline(null);
    });
  }

  RolloutState withControl(StepControl next) {
    return with().set(b -> b.control = next);
  }

  RolloutState withShift(int weight, String commandId, Instant deadline, int atStep) {
    return with().set(b -> {
      b.candidateWeight = weight;
      b.lastTrafficCommandId = commandId;
      b.ackDeadline = deadline;
      b.shiftedAtStep = atStep;
    });
  }

  RolloutState withAcknowledged() {
    return with().set(b -> b.ackDeadline = null);
  }

  RolloutState withPauseUntil(Instant until) {
    return with().set(b -> b.pauseUntil = until);
  }

  RolloutState withAnalysis(AnalysisRun run, Instant windowStart) {
    return with().set(b -> {
      b.analysis = run;
      b.windowStart = windowStart;
    });
  }

  RolloutState withPromoted(Instant at) {
    return with().set(b -> {
      b.stepStartedAt = null;
      b.pauseUntil = null;
      b.finishedAt = at;
      b.promoted = true;
    });
  }

  RolloutState withAborted(String reason, Instant at) {
    return with().set(b -> {
      b.pauseUntil = null;
      b.ackDeadline = null;
      b.finishedAt = at;
      b.abortReason = reason;
    });
  }

  RolloutState withRollback(Rollback next, Instant finishedAt) {
    return with().set(b -> {
      b.pauseUntil = null;
      b.analysis = null;
      b.rollback = next;
      b.finishedAt = finishedAt;
    });
  }

  /** Copy-and-change, so each wither names only what it changes. */
  private static final class Builder {
    private final RolloutState s;
    int stepIndex;
    Instant stepStartedAt;
    int candidateWeight;
    String lastTrafficCommandId;
    Instant ackDeadline;
    int shiftedAtStep;
    Instant pauseUntil;
    Instant windowStart;
    AnalysisRun analysis;
    Instant finishedAt;
    boolean promoted;
    String abortReason;
    Rollback rollback;
    StepControl control;

    Builder(RolloutState s) {
      this.s = s;
      stepIndex = s.stepIndex;
      stepStartedAt = s.stepStartedAt;
      candidateWeight = s.candidateWeight;
      lastTrafficCommandId = s.lastTrafficCommandId;
      ackDeadline = s.ackDeadline;
      shiftedAtStep = s.shiftedAtStep;
      pauseUntil = s.pauseUntil;
      windowStart = s.windowStart;
      analysis = s.analysis;
      finishedAt = s.finishedAt;
      promoted = s.promoted;
      abortReason = s.abortReason;
      rollback = s.rollback;
      control = s.control;
    }

    RolloutState set(java.util.function.Consumer<Builder> change) {
      change.accept(this);
      return new RolloutState(s.deployment, s.artifactDigest, s.strategy, s.baselineVersion, s.approvalEventId,
          stepIndex, stepStartedAt, candidateWeight, lastTrafficCommandId, ackDeadline, shiftedAtStep, pauseUntil,
          windowStart, analysis, s.startedAt, finishedAt, promoted, abortReason, rollback, control);
    }
  }
}
