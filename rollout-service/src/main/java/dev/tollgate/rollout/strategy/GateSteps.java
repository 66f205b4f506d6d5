package dev.tollgate.rollout.strategy;

import dev.tollgate.strategy.Step;
import java.util.List;

/**
 * Steps that wait for people: a {@code gate} waits for approval-service's decision, a {@code pause}
 * without duration for an operator's resume. Both announce themselves once, when the step starts
 * (GateRequested, or Paused), and are completed only by that decision or command, never by a timer.
 */
final class GateSteps {

  private GateSteps() {}

  /** True for the step kinds that only a decision or a command completes. */
  static boolean waitsForPeople(Step step) {
    return step instanceof Step.Gate || step instanceof Step.Pause pause && !pause.timed();
  }

  /** The announcement of a step that waits for people, right after its StepStarted. */
  static void onStarted(RolloutState state, int index, Step step, List<RolloutDomainEvent> events) {
    if (step instanceof Step.Gate gate) {
      events.add(new RolloutDomainEvent.GateRequested(state.deployment(), gate.name(), index,
          state.candidateWeight()));
    } else if (step instanceof Step.Pause pause && !pause.timed()) {
      events.add(new RolloutDomainEvent.Paused(state.deployment(), index, AbortReasons.untilResumed(index)));
    }
  }

  /** True when the rollout is progressing and waiting at exactly the gate step the decision answers. */
  static boolean awaits(RolloutState state, GateDecision decision) {
    if (state == null || state.phase() != RolloutPhase.PROGRESSING || state.allStepsDone()
        || !state.deployment().deploymentId().equals(decision.deploymentId())
        || state.stepIndex() != decision.stepIndex() || state.stepStartedAt() == null) {
      return false;
    }
    return state.strategy().step(state.stepIndex()) instanceof Step.Gate gate && gate.name().equals(decision.gate());
  }

  /**
   * The gate step is done: StepCompleted, and Resumed unless an operator holds the rollout paused
   * (then the operator's resume continues it).
   */
  static RolloutState approved(RolloutState state, List<RolloutDomainEvent> events) {
    int index = state.stepIndex();
    events.add(new RolloutDomainEvent.StepCompleted(state.deployment(), index, "gate"));
    if (!state.control().paused()) {
      events.add(new RolloutDomainEvent.Resumed(state.deployment(), index));
    }
    return state.withNextStep();
  }

  /** A pause without duration that has started and waits for the operator's resume. */
  static boolean waitingUntilResumed(RolloutState state) {
    return !state.allStepsDone() && state.stepStartedAt() != null
        && state.strategy().step(state.stepIndex()) instanceof Step.Pause pause && !pause.timed();
  }
}
