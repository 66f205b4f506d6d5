package dev.tollgate.rollout.strategy;

import dev.tollgate.strategy.Step;
import java.time.Duration;
import java.time.Instant;

/**
 * How long a step may run. A step's deadline is its start plus its own planned time (a timed
 * pause's duration, an analysis' {@code interval × (count + failureLimit)}, a scale-down's delay,
 * an experiment's duration) plus
 * {@link RolloutSettings#stepDeadline}; gate steps and pauses until resumed wait for people and get
 * {@link RolloutSettings#gateDeadline} instead. Time spent paused by an operator does not count.
 */
final class StepDeadlines {

  private StepDeadlines() {}

  /** The deadline of {@code step} started at {@code startedAt}; null when none applies. */
  static Instant deadline(Step step, Instant startedAt, RolloutSettings settings) {
    if (GateSteps.waitsForPeople(step)) {
      return settings.gateDeadline() == null ? null : startedAt.plus(settings.gateDeadline());
    }
    if (settings.stepDeadline() == null) {
      return null;
    }
    return startedAt.plus(planned(step)).plus(settings.stepDeadline());
  }

  /** The step's own running time, on top of which the step deadline counts. */
  static Duration planned(Step step) {
    if (step instanceof Step.Pause pause && pause.timed()) {
      return pause.duration();
    }
    if (step instanceof Step.Analysis analysis) {
      return analysis.interval().multipliedBy((long) analysis.count() + analysis.failureLimit());
    }
    if (step instanceof Step.ScaleDown scaleDown && scaleDown.delay() != null) {
      return scaleDown.delay();
    }
    if (step instanceof Step.Experiment experiment) {
      return experiment.duration();
    }
    return Duration.ZERO;
  }

  /** True when the running (not paused) step is past its deadline at {@code now}. */
  static boolean missed(RolloutState state, Instant now) {
    Instant deadline = state.control().stepDeadline();
    return deadline != null && !state.control().paused() && !state.allStepsDone() && state.stepStartedAt() != null
        && !now.isBefore(deadline);
  }

  static String reason(RolloutState state, Instant now) {
    int index = state.stepIndex();
    Step step = state.strategy().step(index);
    return AbortReasons.stepDeadlineMissed(index, step, state.stepStartedAt(), state.control().stepDeadline(), now);
  }
}
