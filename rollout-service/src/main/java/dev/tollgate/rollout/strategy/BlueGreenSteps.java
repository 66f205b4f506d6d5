package dev.tollgate.rollout.strategy;

import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.Strategy;
import dev.tollgate.strategy.StrategyKind;
import java.time.Instant;
import java.util.List;

/**
 * The blue-green steps, as {@link RolloutController#advance} runs them. Which traffic command a
 * step needs is derived from the state alone (has this step's command been sent, is the delay
 * over), so the steps need no fields of their own in {@link RolloutState}:
 * <ul>
 *   <li>{@code preview}: the new version runs beside the active one without live traffic
 *       (weights: new 0, old 100; preview: new). Analysis steps that follow judge the samples the
 *       preview reports.</li>
 *   <li>{@code switch}: all live traffic to the new version, the old one stays deployed and warm
 *       as standby (weights: new 100, old 0; preview: old), so that a failed post-promotion
 *       analysis rolls back by a routing change only.</li>
 *   <li>{@code scaleDown}: after its delay, a command without the old version (weights: new 100),
 *       which the platform may remove. Without a scaleDown step the old version is dropped when the
 *       last step is done, before the promotion.</li>
 * </ul>
 */
final class BlueGreenSteps {

  private BlueGreenSteps() {}

  /** A traffic command to send: the new version's weight, the split and the versions kept in preview. */
  record Plan(int candidateWeight, List<TrafficWeight> weights, List<String> previewVersions) {}

  /** What a blue-green step needs next: a command to send, to wait (in {@code state}), or nothing (done). */
  record Next(RolloutState waiting, Plan command) {
    static final Next DONE = new Next(null, null);

    boolean done() {
      return waiting == null && command == null;
    }
  }

  static boolean handles(Step step) {
    return step instanceof Step.Preview || step instanceof Step.Switch || step instanceof Step.ScaleDown;
  }

  static Next next(RolloutState state, Step step, int index, Instant now) {
    if (step instanceof Step.ScaleDown scaleDown) {
      if (state.shiftedAtStep() == index) {
        return Next.DONE;
      }
      if (state.pauseUntil() == null) {
        state = state.withPauseUntil(state.stepStartedAt().plus(scaleDown.delay()));
      }
      if (now.isBefore(state.pauseUntil())) {
        return new Next(state, null);
      }
      return new Next(null, dropOld(state));
    }
    if (state.shiftedAtStep() == index) {
      return Next.DONE;
    }
    String candidate = state.deployment().version();
    String old = old(state);
    if (step instanceof Step.Preview) {
      List<TrafficWeight> weights = old == null ? List.of(new TrafficWeight(candidate, 0))
          : List.of(new TrafficWeight(candidate, 0), new TrafficWeight(old, 100));
      return new Next(null, new Plan(0, weights, List.of(candidate)));
    }
    // switch
    List<TrafficWeight> weights = old == null ? List.of(new TrafficWeight(candidate, 100))
        : List.of(new TrafficWeight(candidate, 100), new TrafficWeight(old, 0));
    return new Next(null, new Plan(100, weights, old == null ? List.of() : List.of(old)));
  }

  /**
   * When all steps are done: the command that drops the old version if it is still on standby
   * (a blue-green strategy without a scaleDown step); null when there is nothing to drop.
   */
  static Plan finalDrop(RolloutState state) {
    Strategy strategy = state.strategy();
    if (strategy.kind() != StrategyKind.BLUE_GREEN || old(state) == null || state.shiftedAtStep() >= strategy.size()
        || strategy.steps().stream().anyMatch(Step.ScaleDown.class::isInstance)) {
      return null;
    }
    return dropOld(state);
  }

  private static Plan dropOld(RolloutState state) {
    return new Plan(100, List.of(new TrafficWeight(state.deployment().version(), 100)), List.of());
  }

  private static String old(RolloutState state) {
    String baseline = state.baselineVersion();
    return baseline == null || baseline.equals(state.deployment().version()) ? null : baseline;
  }
}
