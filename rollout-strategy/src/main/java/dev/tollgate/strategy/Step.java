package dev.tollgate.strategy;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a strategy: a one-of, as in Argo Rollouts. The records hold what the step says;
 * whether the values make sense is decided by {@link Strategy#validate}, which can name the step's
 * index in its reason.
 */
public sealed interface Step
    permits Step.SetWeight, Step.Pause, Step.Gate, Step.Analysis, Step.Preview, Step.Switch,
        Step.ScaleDown, Step.Experiment {

  /** The step's name in strategy JSON and in {@code StepStarted.stepType}, e.g. {@code setWeight}. */
  String type();

  /** Send this share of traffic (0..100) to the new version. */
  record SetWeight(int weight) implements Step {
    @Override
    public String type() {
      return "setWeight";
    }
  }

  /** Bake for a duration, or wait until resumed when {@code duration} is null. */
  record Pause(Duration duration) implements Step {

    public static Pause of(Duration duration) {
      return new Pause(Objects.requireNonNull(duration, "duration"));
    }

    public static Pause untilResumed() {
      return new Pause(null);
    }

    public boolean timed() {
      return duration != null;
    }

    @Override
    public String type() {
      return "pause";
    }
  }

  /** Wait until approval-service approves the named gate. */
  record Gate(String name) implements Step {
    @Override
    public String type() {
      return "gate";
    }
  }

  /** Judge health samples of the candidate (and baseline) against thresholds. */
  record Analysis(Thresholds thresholds, Duration interval, int count, int failureLimit) implements Step {
    @Override
    public String type() {
      return "analysis";
    }
  }

  /** Limits an analysis judges against; null means "not judged". */
  record Thresholds(
      Double maxErrorRate,
      Double maxP99LatencyMs,
      Double maxErrorRateIncreaseOverBaseline,
      Map<String, Double> customMetricMax,
      int minSampleCount) {

    public Thresholds {
      customMetricMax = customMetricMax == null ? Map.of() : Map.copyOf(customMetricMax);
    }

    boolean judgesAnything() {
      return maxErrorRate != null || maxP99LatencyMs != null || maxErrorRateIncreaseOverBaseline != null
          || !customMetricMax.isEmpty();
    }
  }

  /** Blue-green: run the new version beside the active one, without live traffic. */
  record Preview(Integer replicas) implements Step {
    @Override
    public String type() {
      return "preview";
    }
  }

  /** Blue-green: move all live traffic to the new version. */
  record Switch() implements Step {
    @Override
    public String type() {
      return "switch";
    }
  }

  /** Blue-green: remove the old version after a delay that keeps a fast rollback possible. */
  record ScaleDown(Duration delay) implements Step {
    @Override
    public String type() {
      return "scaleDown";
    }
  }

  /**
   * A/B: split traffic between baseline and candidate for a while and compare a metric. The metric
   * is {@link #ERROR_RATE}, {@link #P99_LATENCY_MS} (both lower-is-better) or a custom metric of the
   * health samples, lower-is-better unless written {@code higher:<name>}.
   */
  record Experiment(int candidateWeight, Duration duration, String metric, double significance, boolean promoteWinner)
      implements Step {

    public static final String ERROR_RATE = "error_rate";
    public static final String P99_LATENCY_MS = "p99_latency_ms";
    public static final String HIGHER_PREFIX = "higher:";

    @Override
    public String type() {
      return "experiment";
    }
  }
}
