package dev.tollgate.rollout.strategy;

import dev.tollgate.rollout.analysis.HealthJudge;
import dev.tollgate.rollout.analysis.HealthStats;
import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.Limits;
import dev.tollgate.rollout.analysis.Measurement;
import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.Strategy;
import dev.tollgate.strategy.StrategyViolation;
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
 * reads time only from its {@link Clock} (timers get "now" from the caller).
 *
 * <p>Executes {@code setWeight} (commands the split; with {@link RolloutSettings#requireTrafficAcks}
 * the step completes only once the platform acknowledges it), timed {@code pause}, {@code analysis}
 * (a measurement every interval; passes after {@code count} passing measurements, fails when more
 * than {@code failureLimit} in a row fail or are inconclusive), {@code gate} and {@code pause}
 * without duration (they wait for people: {@link GateSteps}, {@link #onGateDecision}), the
 * blue-green steps {@code preview}, {@code switch}, {@code scaleDown} ({@link BlueGreenSteps}), the
 * A/B {@code experiment} ({@link ExperimentSteps}) and the final promotion to 100 %. Operators
 * pause, resume and promote ({@link OperatorCommands}); every step has a deadline
 * ({@link StepDeadlines}, trigger {@code STEP_DEADLINE_MISSED}).
 *
 * <p>Bake checks: while a {@code setWeight}, {@code pause} or {@code gate} step runs (paused by an
 * operator or not), every timer tick judges the health since the step started against the
 * thresholds of the strategy's first analysis step (if it has one); a failed judgement (not an
 * inconclusive one) rolls back with {@code METRIC_BREACH}.
 *
 * <p>Rollbacks restore the lane's last known-good version (the last version that completed a
 * rollout there, {@link RolloutLane#liveVersion}), or withdraw traffic when there is none.
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

  /**
   * Whatever is due at {@code now}: a missed acknowledgement deadline, a bake check, an analysis
   * measurement, the end of a pause. {@code health} is the lane's current analysis window (null or
   * stale — another deployment or window — counts as no samples).
   */
  public Transition onTimer(RolloutLane lane, LaneHealth health, Instant now) {
    RolloutState state = lane.current();
    if (state == null || !timerDue(lane, now)) {
      return Transition.unchanged(lane);
    }
    List<RolloutDomainEvent> events = new ArrayList<>();
    RolloutState next;
    if (state.phase() == RolloutPhase.ROLLING_BACK) {
      next = retryRestore(state, now, events);
    } else if (settings.requireTrafficAcks() && state.ackDeadline() != null && !now.isBefore(state.ackDeadline())) {
      next = rollback(state, lane, RollbackTrigger.TRAFFIC_NOT_ACKNOWLEDGED,
          AbortReasons.trafficNotAcknowledged(state.lastTrafficCommandId(), state.ackDeadline()), null, now, events);
    } else {
      next = onStepTimer(state, lane, health, now, events);
    }
    if (next.equals(state) && events.isEmpty()) {
      return Transition.unchanged(lane);
    }
    return Transition.of(lane.withCurrent(next), events);
  }

  /** True when {@link #onTimer} has something to do at {@code now}; lets callers skip lanes cheaply. */
  public boolean timerDue(RolloutLane lane, Instant now) {
    RolloutState state = lane.current();
    if (state == null) {
      return false;
    }
    RolloutPhase phase = state.phase();
    if (phase == RolloutPhase.ROLLING_BACK) {
      return state.ackDeadline() != null && !now.isBefore(state.ackDeadline());
    }
    if (phase != RolloutPhase.PROGRESSING) {
      return false;
    }
    if (state.ackDeadline() != null && settings.requireTrafficAcks() && !now.isBefore(state.ackDeadline())) {
      return true;
    }
    if (state.control().paused()) {
      return baking(state) && bakeLimits(state.strategy()).isPresent();
    }
    if (StepDeadlines.missed(state, now)) {
      return true;
    }
    if (state.pauseUntil() != null && !now.isBefore(state.pauseUntil())) {
      return true;
    }
    if (state.analysis() != null && !now.isBefore(state.analysis().nextMeasurementAt())) {
      return true;
    }
    return baking(state) && bakeLimits(state.strategy()).isPresent();
  }

  /**
   * The serving platform's acknowledgement. Only the lane's latest command counts (an ack of an
   * earlier one is superseded); each ack event is applied once.
   */
  public Transition onAck(RolloutLane lane, TrafficAcknowledgement ack) {
    if (lane.remembers(ack.eventId())) {
      return Transition.unchanged(lane);
    }
    RolloutLane seen = lane.remember(ack.eventId());
    RolloutState state = seen.current();
    if (state == null || !state.active() || !ack.commandId().equals(state.lastTrafficCommandId())) {
      return Transition.of(seen, List.of());
    }
    Instant now = clock.instant();
    List<RolloutDomainEvent> events = new ArrayList<>();
    RolloutState next = state;
    if (state.phase() == RolloutPhase.ROLLING_BACK) {
      if (ack.applied()) {
        events.add(new RolloutDomainEvent.RollbackCompleted(state.deployment(), state.rollback().toVersion()));
        next = state.withAcknowledged().withRollback(state.rollback().done(), now);
      } else {
        next = retryRestore(state, now, events);
      }
    } else if (!ack.applied()) {
      next = rollback(state, seen, RollbackTrigger.TRAFFIC_FAILED,
          AbortReasons.trafficFailed(ack.commandId(), ack.message()), null, now, events);
    } else if (state.ackDeadline() != null) {
      next = advance(state.withAcknowledged(), now, events);
    }
    return Transition.of(seen.withCurrent(next), events);
  }

  /**
   * Rolls the lane's active rollout back when it is {@code deploymentId}'s and still progressing
   * (an operator's abort, an external alert). {@code commandEventId} makes a redelivered command a
   * no-op; a command for another or a finished deployment changes nothing but is remembered.
   */
  public Transition rollback(RolloutLane lane, String commandEventId, String deploymentId, RollbackTrigger trigger,
      String reason) {
    if (lane.remembers(commandEventId)) {
      return Transition.unchanged(lane);
    }
    RolloutLane seen = lane.remember(commandEventId);
    RolloutState state = seen.current();
    if (state == null || state.phase() != RolloutPhase.PROGRESSING
        || !state.deployment().deploymentId().equals(deploymentId)) {
      return Transition.of(seen, List.of());
    }
    List<RolloutDomainEvent> events = new ArrayList<>();
    RolloutState next = rollback(state, seen, trigger, reason, null, clock.instant(), events);
    return Transition.of(seen.withCurrent(next), events);
  }

  /**
   * approval-service's decision on a gate: approved, the gate step completes and the rollout goes
   * on; rejected, it rolls back (MANUAL_ABORT, the rejecter and reason in the reason). A decision for
   * a gate the rollout is not waiting at (duplicate, late, another deployment) changes nothing but
   * is remembered.
   */
  public Transition onGateDecision(RolloutLane lane, GateDecision decision) {
    if (lane.remembers(decision.eventId())) {
      return Transition.unchanged(lane);
    }
    RolloutLane seen = lane.remember(decision.eventId());
    RolloutState state = seen.current();
    if (!GateSteps.awaits(state, decision)) {
      return Transition.of(seen, List.of());
    }
    Instant now = clock.instant();
    List<RolloutDomainEvent> events = new ArrayList<>();
    RolloutState next = decision.approved()
        ? advance(GateSteps.approved(state, events), now, events)
        : rollback(state, seen, RollbackTrigger.MANUAL_ABORT,
            AbortReasons.gateRejected(decision.stepIndex(), decision.gate(), decision.actors(), decision.reason()),
            null, now, events);
    return Transition.of(seen.withCurrent(next), events);
  }

  /**
   * An operator's pause, resume or promote of {@code request.deploymentId()}'s progressing rollout
   * (see {@link OperatorCommands}). A command for another or a finished deployment changes nothing
   * but is remembered.
   */
  public Transition onOperatorRequest(RolloutLane lane, OperatorRequest request) {
    if (lane.remembers(request.eventId())) {
      return Transition.unchanged(lane);
    }
    RolloutLane seen = lane.remember(request.eventId());
    RolloutState state = seen.current();
    if (state == null || state.phase() != RolloutPhase.PROGRESSING
        || !state.deployment().deploymentId().equals(request.deploymentId())) {
      return Transition.of(seen, List.of());
    }
    Instant now = clock.instant();
    List<RolloutDomainEvent> events = new ArrayList<>();
    RolloutState next = switch (request.kind()) {
      case PAUSE -> OperatorCommands.pause(state, request, now, events);
      case RESUME -> advance(OperatorCommands.resume(state, now, events), now, events);
      case PROMOTE -> advance(OperatorCommands.promote(state, now, events), now, events);
    };
    return Transition.of(seen.withCurrent(next), events);
  }

  private Optional<String> refusal(RolloutLane lane, ApprovedDeployment approved) {
    if (lane.hasActiveRollout()) {
      return Optional.of(AbortReasons.anotherRolloutActive(lane.current()));
    }
    List<StrategyViolation> violations = Strategy.validate(approved.strategyKind(), approved.steps());
    if (!violations.isEmpty()) {
      return Optional.of(AbortReasons.invalidStrategy(violations));
    }
    return Optional.empty();
  }

  private RolloutState onStepTimer(RolloutState state, RolloutLane lane, LaneHealth health, Instant now,
      List<RolloutDomainEvent> events) {
    if (state.allStepsDone()) {
      return state;
    }
    if (StepDeadlines.missed(state, now)) {
      return rollback(state, lane, RollbackTrigger.STEP_DEADLINE_MISSED, StepDeadlines.reason(state, now), null, now,
          events);
    }
    int index = state.stepIndex();
    Step step = state.strategy().step(index);
    HealthStats candidate = window(state, health, state.deployment().version());
    HealthStats baseline = state.baselineVersion() == null ? null : window(state, health, state.baselineVersion());
    if (step instanceof Step.Analysis analysis && state.analysis() != null && !state.control().paused()
        && !now.isBefore(state.analysis().nextMeasurementAt())) {
      return measure(state, lane, analysis, HealthJudge.judge(limits(analysis.thresholds()), candidate, baseline),
          now, events);
    }
    if (step instanceof Step.Experiment experiment && state.pauseUntil() != null
        && !now.isBefore(state.pauseUntil())) {
      return concludeExperiment(state, experiment, health, now, events);
    }
    if (baking(state)) {
      Optional<Limits> limits = bakeLimits(state.strategy());
      if (limits.isPresent()) {
        Measurement bake = HealthJudge.judge(limits.get(), candidate, baseline);
        if (bake.outcome() == Measurement.Outcome.FAILED) {
          return rollback(state, lane, RollbackTrigger.METRIC_BREACH, AbortReasons.metricBreach(index, step, bake),
              bake.candidate(), now, events);
        }
      }
    }
    if (state.pauseUntil() != null && !now.isBefore(state.pauseUntil())) {
      return advance(state, now, events);
    }
    return state;
  }

  private RolloutState measure(RolloutState state, RolloutLane lane, Step.Analysis analysis, Measurement m,
      Instant now, List<RolloutDomainEvent> events) {
    int index = state.stepIndex();
    AnalysisRun run = state.analysis().after(m.passed(), now, analysis.interval());
    if (run.consecutiveFailures() > analysis.failureLimit()) {
      String reason = AbortReasons.analysisFailed(index, run, analysis.failureLimit(), m);
      events.add(new RolloutDomainEvent.AnalysisFailed(state.deployment(), index, m, reason));
      return rollback(state, lane, RollbackTrigger.ANALYSIS_FAILED, reason, m.candidate(), now, events);
    }
    // every measurement judges a fresh window
    RolloutState next = state.withAnalysis(run, now);
    if (run.passed() >= analysis.count()) {
      events.add(new RolloutDomainEvent.AnalysisPassed(state.deployment(), index, m,
          AbortReasons.analysisPassed(index, run, m)));
      return advance(next, now, events);
    }
    return next;
  }

  /** Runs steps until one has to wait or the rollout ends. */
  private RolloutState advance(RolloutState state, Instant now, List<RolloutDomainEvent> events) {
    while (state.phase() == RolloutPhase.PROGRESSING) {
      if (state.ackDeadline() != null || state.control().paused()) {
        return state;
      }
      if (state.allStepsDone()) {
        BlueGreenSteps.Plan drop = BlueGreenSteps.finalDrop(state);
        if (drop != null) {
          state = command(state, drop, state.strategy().size(), now, events);
          continue;
        }
        if (state.candidateWeight() < 100) {
          state = shift(state, 100, state.stepIndex(), now, events);
          continue;
        }
        events.add(new RolloutDomainEvent.Promoted(state.deployment(), state.baselineVersion()));
        return state.withPromoted(now);
      }
      int index = state.stepIndex();
      Step step = state.strategy().step(index);
      if (state.control().promoting() && !(step instanceof Step.Gate)) {
        state = OperatorCommands.skip(state, step, events);
        continue;
      }
      if (state.stepStartedAt() == null) {
        state = state.withStepStarted(now);
        state = state.withControl(state.control().withDeadline(StepDeadlines.deadline(step, now, settings)));
        events.add(new RolloutDomainEvent.StepStarted(state.deployment(), index, step.type()));
        GateSteps.onStarted(state, index, step, events);
      }
      if (step instanceof Step.SetWeight setWeight) {
        if (state.shiftedAtStep() != index) {
          state = shift(state, setWeight.weight(), index, now, events);
          continue;
        }
      } else if (step instanceof Step.Pause pause && pause.timed()) {
        if (state.pauseUntil() == null) {
          state = state.withPauseUntil(state.stepStartedAt().plus(pause.duration()));
        }
        if (now.isBefore(state.pauseUntil())) {
          return state;
        }
      } else if (GateSteps.waitsForPeople(step)) {
        // completed by onGateDecision / resume, never here
        return state;
      } else if (step instanceof Step.Analysis analysis) {
        if (state.analysis() == null) {
          return state.withAnalysis(AnalysisRun.startingAt(now, analysis.interval()), now);
        }
        if (state.analysis().passed() < analysis.count()) {
          return state;
        }
      } else if (BlueGreenSteps.handles(step)) {
        BlueGreenSteps.Next next = BlueGreenSteps.next(state, step, index, now);
        if (next.waiting() != null) {
          return next.waiting();
        }
        if (next.command() != null) {
          state = command(state.withPauseUntil(null), next.command(), index, now, events);
          continue;
        }
      } else if (step instanceof Step.Experiment experiment) {
        if (!ExperimentSteps.hasBaseline(state)) {
          String reason = AbortReasons.experimentWithoutBaseline(index);
          events.add(new RolloutDomainEvent.Aborted(state.deployment(), reason));
          return state.withAborted(reason, now);
        }
        if (state.shiftedAtStep() != index) {
          state = shift(state, experiment.candidateWeight(), index, now, events);
          continue;
        }
        if (state.pauseUntil() == null) {
          // the split is in effect: values are collected from now on
          return state.withAnalysis(null, now).withPauseUntil(ExperimentSteps.endOf(experiment, now));
        }
        return state;
      } else {
        // every step kind is handled above; a kind added to Step but not here aborts, never loops
        String reason = AbortReasons.unsupportedStep(index, step);
        events.add(new RolloutDomainEvent.Aborted(state.deployment(), reason));
        return state.withAborted(reason, now);
      }
      events.add(new RolloutDomainEvent.StepCompleted(state.deployment(), index, step.type()));
      state = state.withNextStep();
    }
    return state;
  }

  /** The experiment's result; then on to the next step, or traffic back to the baseline and the end. */
  private RolloutState concludeExperiment(RolloutState state, Step.Experiment experiment, LaneHealth health,
      Instant now, List<RolloutDomainEvent> events) {
    int index = state.stepIndex();
    ExperimentSteps.Conclusion conclusion = ExperimentSteps.conclude(state, experiment, health);
    events.add(conclusion.event());
    if (conclusion.promote()) {
      events.add(new RolloutDomainEvent.StepCompleted(state.deployment(), index, experiment.type()));
      return advance(state.withNextStep(), now, events);
    }
    RolloutState back = command(state, new BlueGreenSteps.Plan(0, ExperimentSteps.baselineOnly(state), List.of()),
        index, now, events);
    String reason = AbortReasons.experimentNotPromoted(index, conclusion.event().summary(), experiment.promoteWinner());
    events.add(new RolloutDomainEvent.Aborted(state.deployment(), reason));
    return back.withAborted(reason, now);
  }

  /** Sends a traffic command whose split is given rather than derived from the new version's weight. */
  private RolloutState command(RolloutState state, BlueGreenSteps.Plan plan, int atStep, Instant now,
      List<RolloutDomainEvent> events) {
    String commandId = ids.get();
    Instant deadline = now.plus(settings.trafficAckTimeout());
    events.add(new RolloutDomainEvent.TrafficShifted(state.deployment(), commandId, plan.weights(), deadline,
        plan.previewVersions()));
    return state.withShift(plan.candidateWeight(), commandId, settings.requireTrafficAcks() ? deadline : null,
        atStep);
  }

  /** Triggers the rollback: traffic back to the lane's last known-good version. */
  private RolloutState rollback(RolloutState state, RolloutLane lane, RollbackTrigger trigger, String reason,
      HealthStats evidence, Instant now, List<RolloutDomainEvent> events) {
    String knownGood = lane.liveVersion();
    events.add(new RolloutDomainEvent.RollbackTriggered(state.deployment(), trigger, reason, state.stepIndex(),
        knownGood, evidence));
    Rollback rollback = new Rollback(trigger, reason, state.stepIndex(), knownGood, 0, false);
    return restore(state.withRollback(rollback, null), now, events);
  }

  /** Sends (or re-sends) the rollback's restore command; completes at once when acks are not required. */
  private RolloutState restore(RolloutState state, Instant now, List<RolloutDomainEvent> events) {
    Rollback rollback = state.rollback().retried();
    String commandId = ids.get();
    Instant deadline = now.plus(settings.trafficAckTimeout());
    events.add(new RolloutDomainEvent.TrafficShifted(state.deployment(), commandId,
        restoreWeights(state.deployment().version(), rollback.toVersion()), deadline));
    RolloutState next = state.withShift(0, commandId, settings.requireTrafficAcks() ? deadline : null,
        state.shiftedAtStep());
    if (settings.requireTrafficAcks()) {
      return next.withRollback(rollback, null);
    }
    events.add(new RolloutDomainEvent.RollbackCompleted(state.deployment(), rollback.toVersion()));
    return next.withRollback(rollback.done(), now);
  }

  private RolloutState retryRestore(RolloutState state, Instant now, List<RolloutDomainEvent> events) {
    Rollback rollback = state.rollback();
    if (rollback.restoreAttempts() >= settings.restoreAttempts()) {
      String reason = AbortReasons.restoreFailed(rollback.restoreAttempts(), rollback.toVersion());
      events.add(new RolloutDomainEvent.Aborted(state.deployment(), reason));
      return state.withAborted(reason, now);
    }
    return restore(state, now, events);
  }

  private static List<TrafficWeight> restoreWeights(String candidate, String knownGood) {
    if (knownGood == null) {
      return List.of(new TrafficWeight(candidate, 0));
    }
    if (knownGood.equals(candidate)) {
      return List.of(new TrafficWeight(knownGood, 100));
    }
    return List.of(new TrafficWeight(candidate, 0), new TrafficWeight(knownGood, 100));
  }

  private RolloutState shift(RolloutState state, int weight, int atStep, Instant now,
      List<RolloutDomainEvent> events) {
    String commandId = ids.get();
    Instant deadline = now.plus(settings.trafficAckTimeout());
    RolloutState next = state.withShift(weight, commandId, settings.requireTrafficAcks() ? deadline : null, atStep);
    events.add(new RolloutDomainEvent.TrafficShifted(state.deployment(), commandId, next.weights(), deadline));
    return next;
  }

  /** A setWeight, pause or gate step is running: health is judged continuously against the bake limits. */
  private static boolean baking(RolloutState state) {
    if (state.allStepsDone() || state.stepStartedAt() == null) {
      return false;
    }
    Step step = state.strategy().step(state.stepIndex());
    return step instanceof Step.SetWeight || step instanceof Step.Pause || step instanceof Step.Gate;
  }

  /** The thresholds of the strategy's first analysis step; bake checks need no second set of limits. */
  private static Optional<Limits> bakeLimits(Strategy strategy) {
    return strategy.steps().stream().filter(Step.Analysis.class::isInstance).map(Step.Analysis.class::cast)
        .findFirst().map(a -> limits(a.thresholds()));
  }

  /** The analysis' view of a step's thresholds (the strategy module knows nothing of the analysis). */
  private static Limits limits(Step.Thresholds t) {
    return new Limits(t.maxErrorRate(), t.maxP99LatencyMs(), t.maxErrorRateIncreaseOverBaseline(), t.customMetricMax(),
        t.minSampleCount());
  }

  /** The version's health in the state's current window; empty when the stored window is stale or missing. */
  private static HealthStats window(RolloutState state, LaneHealth health, String version) {
    boolean current = health != null && health.deploymentId().equals(state.deployment().deploymentId())
        && health.windowStart().equals(state.windowStart());
    return current ? health.of(version) : HealthStats.empty(version);
  }
}
