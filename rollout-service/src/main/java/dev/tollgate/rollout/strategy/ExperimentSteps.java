package dev.tollgate.rollout.strategy;

import dev.tollgate.rollout.analysis.ExperimentMetric;
import dev.tollgate.rollout.analysis.HealthStats;
import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.MannWhitney;
import dev.tollgate.strategy.Step;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The A/B {@code experiment} step. It splits traffic baseline/candidate at the step's
 * {@code candidateWeight}; once the platform has the split (acknowledged, when acks are required)
 * the lane's analysis window restarts and collects, per version, the values of the metric of every
 * health sample (a bounded reservoir, {@link dev.tollgate.rollout.analysis.ValueReservoir}). After
 * {@code duration} a two-sided Mann-Whitney U test compares them: with {@code p < significance} the
 * version with the better values wins (lower is better, except {@code higher:<metric>}); otherwise
 * there is no significant difference.
 *
 * <p>Only a winning candidate with {@code promoteWinner} continues (to the next step or the
 * promotion). In every other case traffic returns to the baseline and the rollout ends
 * {@link RolloutPhase#ABORTED} with the experiment's result as the reason: nothing was promoted and
 * the lane's known-good version is unchanged. The experiment needs a baseline version.
 */
public final class ExperimentSteps {

  private ExperimentSteps() {}

  /** The result and whether the rollout goes on with the candidate. */
  record Conclusion(RolloutDomainEvent.ExperimentConcluded event, boolean promote) {}

  /** The metric the lane's window collects while {@code state} runs an experiment step; null otherwise. */
  public static String collectedMetric(RolloutState state) {
    if (state.allStepsDone() || state.stepStartedAt() == null || state.pauseUntil() == null) {
      return null;
    }
    return state.strategy().step(state.stepIndex()) instanceof Step.Experiment e ? e.metric() : null;
  }

  static Conclusion conclude(RolloutState state, Step.Experiment step, LaneHealth health) {
    String candidateVersion = state.deployment().version();
    String baselineVersion = state.baselineVersion();
    boolean current = health != null && health.deploymentId().equals(state.deployment().deploymentId())
        && health.windowStart().equals(state.windowStart());
    double[] candidate = current ? health.reservoirOf(candidateVersion).values() : new double[0];
    double[] baseline = current ? health.reservoirOf(baselineVersion).values() : new double[0];
    HealthStats candidateStats = current ? health.of(candidateVersion) : HealthStats.empty(candidateVersion);
    HealthStats baselineStats = current ? health.of(baselineVersion) : HealthStats.empty(baselineVersion);
    ExperimentMetric metric = ExperimentMetric.parse(step.metric());
    MannWhitney.Result test = MannWhitney.test(candidate, baseline);
    String winner = null;
    if (test.pValue() < step.significance() && test.direction() != 0) {
      boolean candidateLower = test.direction() < 0;
      winner = candidateLower != metric.higherIsBetter() ? candidateVersion : baselineVersion;
    }
    double candidateMedian = MannWhitney.median(candidate);
    double baselineMedian = MannWhitney.median(baseline);
    String summary = String.format(Locale.ROOT,
        "%s: %s (p=%.4g, significance %s; U=%.1f; %s median %.4g of %d values, baseline %s median %.4g of %d"
            + " values; %s is better)",
        step.metric(), winner == null ? "no significant difference" : winner + " is better", test.pValue(),
        step.significance(), test.uA(), candidateVersion, candidateMedian, test.nA(), baselineVersion,
        baselineMedian, test.nB(), metric.higherIsBetter() ? "higher" : "lower");
    var event = new RolloutDomainEvent.ExperimentConcluded(state.deployment(), state.stepIndex(), step.metric(),
        winner, test, baselineMedian, candidateMedian, baselineStats, candidateStats, summary);
    return new Conclusion(event, step.promoteWinner() && candidateVersion.equals(winner));
  }

  /** Traffic back to the baseline after an experiment that does not promote. */
  static List<TrafficWeight> baselineOnly(RolloutState state) {
    return List.of(new TrafficWeight(state.deployment().version(), 0), new TrafficWeight(state.baselineVersion(), 100));
  }

  static boolean hasBaseline(RolloutState state) {
    return state.baselineVersion() != null && !state.baselineVersion().equals(state.deployment().version());
  }

  static Instant endOf(Step.Experiment step, Instant splitInEffect) {
    return splitInEffect.plus(step.duration());
  }
}
