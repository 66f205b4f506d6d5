package dev.tollgate.rollout.analysis;

import dev.tollgate.strategy.Step;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The metric an A/B experiment compares, read from each health sample. {@code error_rate} (the
 * sample's errors / requests) and {@code p99_latency_ms} are lower-is-better; any other name is a
 * custom metric of the samples, lower-is-better too, unless written {@code higher:<name>} (e.g.
 * {@code higher:click_through_rate}), which makes the higher values win.
 */
public record ExperimentMetric(String name, boolean higherIsBetter) {

  // spelled once, with the strategy rules that check an experiment's metric
  public static final String ERROR_RATE = Step.Experiment.ERROR_RATE;
  public static final String P99_LATENCY_MS = Step.Experiment.P99_LATENCY_MS;
  public static final String HIGHER_PREFIX = Step.Experiment.HIGHER_PREFIX;

  public ExperimentMetric {
    Objects.requireNonNull(name, "name");
  }

  /** From the strategy's spelling, e.g. {@code p99_latency_ms} or {@code higher:conversion}. */
  public static ExperimentMetric parse(String spelled) {
    if (spelled.startsWith(HIGHER_PREFIX)) {
      return new ExperimentMetric(spelled.substring(HIGHER_PREFIX.length()), true);
    }
    return new ExperimentMetric(spelled, false);
  }

  /** The sample's value; empty when the sample does not carry it (no requests, metric not reported). */
  public OptionalDouble valueOf(Sample sample) {
    switch (name) {
      case ERROR_RATE -> {
        return sample.requestCount() <= 0 ? OptionalDouble.empty()
            : OptionalDouble.of((double) Math.max(0, sample.errorCount()) / sample.requestCount());
      }
      case P99_LATENCY_MS -> {
        return OptionalDouble.of(sample.p99LatencyMs());
      }
      default -> {
        Double value = sample.customMetrics().get(name);
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
      }
    }
  }
}
