package dev.tollgate.strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rollout strategy as data: its kind and an ordered list of steps. Constructing one validates it;
 * {@link #validate} lists every violation with the step index and reason, for callers that must
 * report rather than throw.
 */
public record Strategy(StrategyKind kind, List<Step> steps) {

  public Strategy {
    List<StrategyViolation> violations = validate(kind, steps);
    if (!violations.isEmpty()) {
      throw new InvalidStrategyException(violations);
    }
    steps = List.copyOf(steps);
  }

  public static Strategy of(StrategyKind kind, Step... steps) {
    return new Strategy(kind, List.of(steps));
  }

  public int size() {
    return steps.size();
  }

  public Step step(int index) {
    return steps.get(index);
  }

  /** Every rule the steps break; empty when the strategy is valid. */
  public static List<StrategyViolation> validate(StrategyKind kind, List<Step> steps) {
    List<StrategyViolation> violations = new ArrayList<>();
    if (kind == null) {
      violations.add(StrategyViolation.ofStrategy("strategy kind is required"));
    } else if (kind == StrategyKind.UNKNOWN) {
      violations.add(StrategyViolation.ofStrategy("strategy kind is unknown to this version of rollout-service"));
    }
    if (steps == null || steps.isEmpty()) {
      violations.add(StrategyViolation.ofStrategy("a strategy needs at least one step"));
      return violations;
    }
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step == null) {
        violations.add(StrategyViolation.ofStep(i, null, "step is missing"));
        continue;
      }
      validateStep(i, step, violations);
      if (kind != null) {
        validateStepForKind(kind, i, step, violations);
      }
    }
    if (kind != null) {
      validateShape(kind, steps, violations);
    }
    return violations;
  }

  private static void validateStep(int i, Step step, List<StrategyViolation> out) {
    if (step instanceof Step.SetWeight s) {
      if (s.weight() < 0 || s.weight() > 100) {
        out.add(StrategyViolation.ofStep(i, s, "weight must be between 0 and 100, was " + s.weight()));
      }
    } else if (step instanceof Step.Pause p) {
      if (p.duration() != null && !positive(p.duration())) {
        out.add(StrategyViolation.ofStep(i, p, "duration must be positive (omit it to pause until resumed)"));
      }
    } else if (step instanceof Step.Gate g) {
      if (g.name() == null || g.name().isBlank()) {
        out.add(StrategyViolation.ofStep(i, g, "gate name is required"));
      }
    } else if (step instanceof Step.Analysis a) {
      validateAnalysis(i, a, out);
    } else if (step instanceof Step.Preview p) {
      if (p.replicas() != null && p.replicas() < 1) {
        out.add(StrategyViolation.ofStep(i, p, "replicas must be at least 1"));
      }
    } else if (step instanceof Step.ScaleDown s) {
      if (s.delay() == null || s.delay().isNegative()) {
        out.add(StrategyViolation.ofStep(i, s, "delay must be zero or positive"));
      }
    } else if (step instanceof Step.Experiment e) {
      if (e.candidateWeight() < 1 || e.candidateWeight() > 99) {
        out.add(StrategyViolation.ofStep(i, e, "candidateWeight must be between 1 and 99, was " + e.candidateWeight()));
      }
      if (!positive(e.duration())) {
        out.add(StrategyViolation.ofStep(i, e, "duration must be positive"));
      }
      if (e.metric() == null || e.metric().isBlank()) {
        out.add(StrategyViolation.ofStep(i, e, "metric is required"));
      } else {
        metricProblem(e.metric()).ifPresent(p -> out.add(StrategyViolation.ofStep(i, e, p)));
      }
      if (!(e.significance() > 0 && e.significance() < 1)) {
        out.add(StrategyViolation.ofStep(i, e, "significance must be between 0 and 1 (exclusive)"));
      }
    }
    // Step.Switch has no parameters to check.
  }

  /** What is wrong with an experiment's metric spelling, if anything (see {@link Step.Experiment}). */
  private static Optional<String> metricProblem(String spelled) {
    if (!spelled.startsWith(Step.Experiment.HIGHER_PREFIX)) {
      return Optional.empty();
    }
    String name = spelled.substring(Step.Experiment.HIGHER_PREFIX.length());
    if (name.isBlank()) {
      return Optional.of("metric '" + spelled + "' names no metric after '" + Step.Experiment.HIGHER_PREFIX + "'");
    }
    if (name.equals(Step.Experiment.ERROR_RATE) || name.equals(Step.Experiment.P99_LATENCY_MS)) {
      return Optional.of(name + " is lower-is-better; '" + Step.Experiment.HIGHER_PREFIX + "' is for custom metrics");
    }
    return Optional.empty();
  }

  private static void validateAnalysis(int i, Step.Analysis a, List<StrategyViolation> out) {
    if (a.thresholds() == null) {
      out.add(StrategyViolation.ofStep(i, a, "thresholds are required"));
    } else {
      Step.Thresholds t = a.thresholds();
      if (!t.judgesAnything()) {
        out.add(StrategyViolation.ofStep(i, a, "at least one threshold must be set"));
      }
      if (t.maxErrorRate() != null && (t.maxErrorRate() < 0 || t.maxErrorRate() > 1)) {
        out.add(StrategyViolation.ofStep(i, a, "maxErrorRate must be between 0 and 1"));
      }
      if (t.maxP99LatencyMs() != null && t.maxP99LatencyMs() <= 0) {
        out.add(StrategyViolation.ofStep(i, a, "maxP99LatencyMs must be positive"));
      }
      if (t.maxErrorRateIncreaseOverBaseline() != null && t.maxErrorRateIncreaseOverBaseline() < 0) {
        out.add(StrategyViolation.ofStep(i, a, "maxErrorRateIncreaseOverBaseline must not be negative"));
      }
      for (Map.Entry<String, Double> limit : t.customMetricMax().entrySet()) {
        if (limit.getValue() == null) {
          out.add(StrategyViolation.ofStep(i, a, "custom metric '" + limit.getKey() + "' needs a limit"));
        }
      }
      if (t.minSampleCount() < 1) {
        out.add(StrategyViolation.ofStep(i, a, "minSampleCount must be at least 1"));
      }
    }
    if (!positive(a.interval())) {
      out.add(StrategyViolation.ofStep(i, a, "interval must be positive"));
    }
    if (a.count() < 1) {
      out.add(StrategyViolation.ofStep(i, a, "count must be at least 1"));
    }
    if (a.failureLimit() < 0 || a.failureLimit() >= Math.max(a.count(), 1)) {
      out.add(StrategyViolation.ofStep(i, a, "failureLimit must be between 0 and count - 1"));
    }
  }

  private static void validateStepForKind(StrategyKind kind, int i, Step step, List<StrategyViolation> out) {
    boolean blueGreenOnly = step instanceof Step.Preview || step instanceof Step.Switch || step instanceof Step.ScaleDown;
    boolean shiftsGradually = step instanceof Step.SetWeight || step instanceof Step.Experiment;
    switch (kind) {
      case CANARY, AB -> {
        if (blueGreenOnly) {
          out.add(StrategyViolation.ofStep(i, step, "belongs to a BLUE_GREEN strategy, not " + kind));
        }
      }
      case BLUE_GREEN -> {
        if (shiftsGradually) {
          out.add(StrategyViolation.ofStep(i, step, "does not belong to a BLUE_GREEN strategy (use switch)"));
        }
      }
      case UNKNOWN -> {
        // reported once for the whole strategy
      }
    }
  }

  private static void validateShape(StrategyKind kind, List<Step> steps, List<StrategyViolation> out) {
    if (kind == StrategyKind.BLUE_GREEN) {
      List<Integer> switches = indexesOf(steps, Step.Switch.class);
      if (switches.size() != 1) {
        out.add(StrategyViolation.ofStrategy("a BLUE_GREEN strategy needs exactly one switch step, has " + switches.size()));
      } else {
        int at = switches.get(0);
        for (int i : indexesOf(steps, Step.Preview.class)) {
          if (i > at) {
            out.add(StrategyViolation.ofStep(i, steps.get(i), "a preview must come before the switch (step " + at + ")"));
          }
        }
        for (int i : indexesOf(steps, Step.ScaleDown.class)) {
          if (i < at) {
            out.add(StrategyViolation.ofStep(i, steps.get(i), "a scale-down must come after the switch (step " + at + ")"));
          }
        }
      }
    }
    if (kind == StrategyKind.AB && indexesOf(steps, Step.Experiment.class).isEmpty()) {
      out.add(StrategyViolation.ofStrategy("an AB strategy needs at least one experiment step"));
    }
  }

  private static List<Integer> indexesOf(List<Step> steps, Class<? extends Step> type) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (type.isInstance(steps.get(i))) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  private static boolean positive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  @Override
  public String toString() {
    return Objects.toString(kind) + steps;
  }
}
