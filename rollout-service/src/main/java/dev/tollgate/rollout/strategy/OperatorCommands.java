package dev.tollgate.rollout.strategy;

import dev.tollgate.strategy.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An operator's pause, resume and promote of the active rollout. Each returns the state after the
 * command; the controller then lets the steps run ({@code advance}) where the command allows it.
 *
 * <ul>
 *   <li>pause: no step starts or completes and timers stop (timed pause, analysis, step deadline);
 *       bake checks still judge health and a breach still rolls back. Paused twice is a no-op.
 *   <li>resume: the stopped timers move on by the time spent paused; a pause without duration that
 *       waits is completed. Neither paused nor waiting: a no-op.
 *   <li>promote: resumes if paused, then the remaining steps are skipped to 100 % — except gate steps,
 *       which still wait for their approval (and after it promotion carries on).
 * </ul>
 */
final class OperatorCommands {

  private OperatorCommands() {}

  static RolloutState pause(RolloutState state, OperatorRequest request, Instant now,
      List<RolloutDomainEvent> events) {
    if (state.control().paused()) {
      return state;
    }
    events.add(new RolloutDomainEvent.Paused(state.deployment(), state.stepIndex(),
        AbortReasons.pausedBy(request.actor(), request.reason())));
    return state.withControl(state.control().pausedAt(now));
  }

  static RolloutState resume(RolloutState state, Instant now, List<RolloutDomainEvent> events) {
    RolloutState next = state;
    boolean resumed = false;
    if (state.control().paused()) {
      next = unpause(state, now);
      resumed = true;
    }
    if (GateSteps.waitingUntilResumed(next)) {
      events.add(new RolloutDomainEvent.Resumed(next.deployment(), next.stepIndex()));
      events.add(new RolloutDomainEvent.StepCompleted(next.deployment(), next.stepIndex(), "pause"));
      return next.withNextStep();
    }
    if (resumed) {
      events.add(new RolloutDomainEvent.Resumed(next.deployment(), next.stepIndex()));
      stillAtGate(next, events);
    }
    return next;
  }

  /** Resumed while a gate step waits: the rollout is still held, by the gate now (status PAUSED again). */
  private static void stillAtGate(RolloutState state, List<RolloutDomainEvent> events) {
    if (!state.allStepsDone() && state.stepStartedAt() != null
        && state.strategy().step(state.stepIndex()) instanceof Step.Gate gate) {
      events.add(new RolloutDomainEvent.Paused(state.deployment(), state.stepIndex(),
          AbortReasons.awaitingGate(state.stepIndex(), gate.name())));
    }
  }

  static RolloutState promote(RolloutState state, Instant now, List<RolloutDomainEvent> events) {
    if (state.control().promoting()) {
      return state;
    }
    boolean wasHeld = state.control().paused() || GateSteps.waitingUntilResumed(state);
    RolloutState next = state.control().paused() ? unpause(state, now) : state;
    if (wasHeld) {
      events.add(new RolloutDomainEvent.Resumed(next.deployment(), next.stepIndex()));
      stillAtGate(next, events);
    }
    return next.withControl(next.control().withPromoting());
  }

  /** While promoting: the current step (not a gate) is skipped; StepCompleted only for a step that had started. */
  static RolloutState skip(RolloutState state, Step step, List<RolloutDomainEvent> events) {
    if (state.stepStartedAt() != null) {
      events.add(new RolloutDomainEvent.StepCompleted(state.deployment(), state.stepIndex(), step.type()));
    }
    return state.withNextStep();
  }

  /** Clears the pause and moves every stopped timer on by the time spent paused. */
  private static RolloutState unpause(RolloutState state, Instant now) {
    Duration pausedFor = Duration.between(state.control().pausedAt(), now);
    RolloutState next = state.withControl(state.control().resumed(pausedFor));
    if (next.pauseUntil() != null) {
      next = next.withPauseUntil(next.pauseUntil().plus(pausedFor));
    }
    AnalysisRun run = next.analysis();
    if (run != null) {
      next = next.withAnalysis(new AnalysisRun(run.measurements(), run.passed(), run.consecutiveFailures(),
          run.nextMeasurementAt().plus(pausedFor)), next.windowStart());
    }
    return next;
  }
}
