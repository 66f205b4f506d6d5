package dev.tollgate.approval.deployment.domain;

import java.util.Map;
import java.util.Objects;

/** One step of a rollout strategy (the Argo Rollouts model: a strategy is data). */
public sealed interface Step {

  /** Send this share (0..100) of traffic to the new version. */
  record SetWeight(int weight) implements Step {
    public SetWeight {
      if (weight < 0 || weight > 100) {
        throw new IllegalArgumentException("weight must be 0..100, was " + weight);
      }
    }
  }

  /** Bake for a duration, or wait until resumed when {@code durationSeconds} is null. */
  record Pause(Long durationSeconds) implements Step {}

  /** Wait until the named gate is approved. */
  record Gate(String name) implements Step {
    public Gate {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Judge live health against thresholds. */
  record Analysis(Thresholds thresholds, long intervalSeconds, int count, int failureLimit) implements Step {
    public Analysis {
      Objects.requireNonNull(thresholds, "thresholds");
    }
  }

  /** Blue-green: run the new version beside the active one, without live traffic. */
  record Preview(Integer replicas) implements Step {}

  /** Blue-green: move all live traffic to the new version. */
  record Switch() implements Step {}

  /** Blue-green: remove the old version after a delay. */
  record ScaleDown(long delaySeconds) implements Step {}

  /** A/B: split traffic and compare a metric. */
  record Experiment(int candidateWeight, long durationSeconds, String metric, double significance,
      boolean promoteWinner) implements Step {
    public Experiment {
      Objects.requireNonNull(metric, "metric");
    }
  }

  /** Analysis thresholds; null means "not judged". */
  record Thresholds(Double maxErrorRate, Double maxP99LatencyMs, Double maxErrorRateIncreaseOverBaseline,
      Map<String, Double> customMetricMax, int minSampleCount) {
    public Thresholds {
      customMetricMax = Map.copyOf(customMetricMax == null ? Map.of() : customMetricMax);
    }
  }
}
