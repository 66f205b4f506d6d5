package dev.tollgate.rollout.strategy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The rollout state machine of one lane (model × environment). Every command takes the lane as it
 * is stored and returns the lane after it plus the events it caused; it publishes nothing and
 * reads time only from its {@link Clock}.
 *
 * <p>Executes today: {@code setWeight} (commands the split, then completes), timed {@code pause}
 * (completes once {@link #onTimer} sees its end passed) and the final promotion to 100 %. Any
 * other step kind refuses the rollout before traffic moves ({@link RolloutSettings#unsupported}).
 */
public final class RolloutController {

  private final Clock clock;
  private final RolloutSettings settings;
  private final Supplier<String> ids;

  public RolloutController(Clock clock, RolloutSettings settings) {
    this(clock, settings, () -> UUID.randomUUID().toString());
  }

  /** {@code ids} creates traffic command ids; tests pass a deterministic supplier. */
  public RolloutController(Clock clock, RolloutSettings settings, Supplier<String> ids) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /**
   * Starts the approved deployment's rollout in its lane. No-op for an approval (event id or
   * deployment id) the lane has acted on before. Refused with {@code Aborted} of the new
   * deployment — the active rollout carries on untouched — when another rollout is active, the
   * strategy is invalid, or it holds a step kind that cannot be executed yet.
   */
  public Transition start(RolloutLane lane, ApprovedDeployment approved) {
    if (lane.remembers(approved.eventId()) || lane.remembers(approved.deployment().deploymentId())) {
      return Transition.unchanged(lane);
    }
    RolloutLane seen = lane.remember(approved.eventId(), approved.deployment().deploymentId());
    Optional<String> refusal = refusal(seen, approved);
    if (refusal.isPresent()) {
      return Transition.of(seen, List.of(new RolloutDomainEvent.Aborted(approved.deployment(), refusal.get())));
    }
    Instant now = clock.instant();
    Strategy strategy = new Strategy(approved.strategyKind(), approved.steps());
    RolloutState state = RolloutState.started(approved, strategy, seen.liveVersion(), now);
    List<RolloutDomainEvent> events = new ArrayList<>();
    events.add(new RolloutDomainEvent.Started(
        approved.deployment(), strategy, seen.liveVersion(), approved.artifactDigest()));
    state = advance(state, now, events);
    return Transition.of(seen.withCurrent(state), events);
  }

  /** Advances the lane's rollout if it waits on a timer that has passed at {@code now}. */
  public Transition onTimer(RolloutLane lane, Instant now) {
    RolloutState state = lane.current();
    if (state == null || !state.active() || state.pauseUntil() == null || now.isBefore(state.pauseUntil())) {
      return Transition.unchanged(lane);
    }
    List<RolloutDomainEvent> events = new ArrayList<>();
    RolloutState next = advance(state, now, events);
    return Transition.of(lane.withCurrent(next), events);
  }

  /** Aborts the active rollout (an operator or a later rule asks): traffic goes back to the baseline. */
  public Transition abort(RolloutLane lane, String reason) {
    RolloutState state = lane.current();
    if (state == null || !state.active()) {
      return Transition.unchanged(lane);
    }
    List<RolloutDomainEvent> events = new ArrayList<>();
    RolloutState next = aborted(state, reason, clock.instant(), events);
    return Transition.of(lane.withCurrent(next), events);
  }

  /** True when the lane waits on a timer that is due at {@code now}; lets callers skip lanes cheaply. */
  public static boolean timerDue(RolloutLane lane, Instant now) {
    RolloutState state = lane.current();
    return state != null && state.active() && state.pauseUntil() != null && !now.isBefore(state.pauseUntil());
  }

  private Optional<String> refusal(RolloutLane lane, ApprovedDeployment approved) {
    if (lane.hasActiveRollout()) {
      return Optional.of(AbortReasons.anotherRolloutActive(lane.current()));
    }
    List<StrategyViolation> violations = Strategy.validate(approved.strategyKind(), approved.steps());
    if (!violations.isEmpty()) {
      return Optional.of(AbortReasons.invalidStrategy(violations));
    }
    for (int i = 0; i < approved.steps().size(); i++) {
      Optional<String> unsupported = settings.unsupported(i, approved.steps().get(i));
      if (unsupported.isPresent()) {
        return unsupported;
      }
    }
    return Optional.empty();
  }

  /** Runs steps until one has to wait or the rollout ends. */
  private RolloutState advance(RolloutState state, Instant now, List<RolloutDomainEvent> events) {
    while (state.active()) {
      if (state.allStepsDone()) {
        return promoted(state, now, events);
      }
      int index = state.stepIndex();
      Step step = state.strategy().step(index);
      if (state.stepStartedAt() == null) {
        state = state.withStepStarted(now);
        events.add(new RolloutDomainEvent.StepStarted(state.deployment(), index, step.type()));
      }
      if (step instanceof Step.SetWeight setWeight) {
        state = shift(state, setWeight.weight(), now, events);
      } else if (step instanceof Step.Pause pause && pause.timed()) {
        if (state.pauseUntil() == null) {
          state = state.withPauseUntil(state.stepStartedAt().plus(pause.duration()));
        }
        if (now.isBefore(state.pauseUntil())) {
          return state;
        }
      } else {
        // start() refuses these; this guards a lane stored by a version that could run them
        return aborted(state, AbortReasons.unsupportedStep(index, step), now, events);
      }
      events.add(new RolloutDomainEvent.StepCompleted(state.deployment(), index, step.type()));
      state = state.withNextStep();
    }
    return state;
  }

  private RolloutState promoted(RolloutState state, Instant now, List<RolloutDomainEvent> events) {
    if (state.candidateWeight() < 100) {
      state = shift(state, 100, now, events);
    }
    events.add(new RolloutDomainEvent.Promoted(state.deployment(), state.baselineVersion()));
    return state.withPromoted(now);
  }

  private RolloutState aborted(RolloutState state, String reason, Instant now, List<RolloutDomainEvent> events) {
    events.add(new RolloutDomainEvent.Aborted(state.deployment(), reason));
    RolloutState next = state.withAborted(reason, now);
    if (state.candidateWeight() > 0) {
      next = shift(next, 0, now, events);
    }
    return next;
  }

  private RolloutState shift(RolloutState state, int weight, Instant now, List<RolloutDomainEvent> events) {
    String commandId = ids.get();
    RolloutState next = state.withWeight(weight, commandId);
    events.add(new RolloutDomainEvent.TrafficShifted(
        state.deployment(), commandId, next.weights(), now.plus(settings.trafficAckTimeout())));
    return next;
  }
}
