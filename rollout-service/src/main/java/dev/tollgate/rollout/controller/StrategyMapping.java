package dev.tollgate.rollout.controller;

import dev.tollgate.events.AnalysisStep;
import dev.tollgate.events.AnalysisThresholds;
import dev.tollgate.events.ExperimentStep;
import dev.tollgate.events.GateStep;
import dev.tollgate.events.PauseStep;
import dev.tollgate.events.PreviewStep;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.ScaleDownStep;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.SwitchStep;
import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.Strategy;
import dev.tollgate.strategy.StrategyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** Avro strategy records to the domain's steps and back. */
public final class StrategyMapping {

  private StrategyMapping() {}

  public static StrategyKind kind(dev.tollgate.events.StrategyKind kind) {
    if (kind == null) {
      return null;
    }
    try {
      return StrategyKind.valueOf(kind.name());
    } catch (IllegalArgumentException unknown) {
      return StrategyKind.UNKNOWN;
    }
  }

  /** The steps in order; a step of a type this version cannot read becomes null (validation names it). */
  public static List<Step> steps(RolloutStrategy strategy) {
    List<Step> steps = new ArrayList<>();
    for (Object step : strategy.getSteps()) {
      steps.add(step(step));
    }
    return steps;
  }

  static Step step(Object step) {
    if (step instanceof SetWeightStep s) {
      return new Step.SetWeight(s.getWeight());
    } else if (step instanceof PauseStep p) {
      return new Step.Pause(p.getDurationSeconds() == null ? null : Duration.ofSeconds(p.getDurationSeconds()));
    } else if (step instanceof GateStep g) {
      return new Step.Gate(g.getGate());
    } else if (step instanceof AnalysisStep a) {
      AnalysisThresholds t = a.getThresholds();
      return new Step.Analysis(
          t == null ? null : new Step.Thresholds(t.getMaxErrorRate(), t.getMaxP99LatencyMs(),
              t.getMaxErrorRateIncreaseOverBaseline(), t.getCustomMetricMax(), t.getMinSampleCount()),
          Duration.ofSeconds(a.getIntervalSeconds()), a.getCount(), a.getFailureLimit());
    } else if (step instanceof PreviewStep p) {
      return new Step.Preview(p.getReplicas());
    } else if (step instanceof SwitchStep) {
      return new Step.Switch();
    } else if (step instanceof ScaleDownStep s) {
      return new Step.ScaleDown(Duration.ofSeconds(s.getDelaySeconds()));
    } else if (step instanceof ExperimentStep e) {
      return new Step.Experiment(e.getCandidateWeight(), Duration.ofSeconds(e.getDurationSeconds()), e.getMetric(),
          e.getSignificance(), e.getPromoteWinner());
    }
    return null;
  }

  public static RolloutStrategy toAvro(Strategy strategy) {
    List<Object> steps = new ArrayList<>();
    for (Step step : strategy.steps()) {
      steps.add(toAvro(step));
    }
    return RolloutStrategy.newBuilder()
        .setKind(dev.tollgate.events.StrategyKind.valueOf(strategy.kind().name()))
        .setSteps(steps)
        .build();
  }

  private static Object toAvro(Step step) {
    if (step instanceof Step.SetWeight s) {
      return new SetWeightStep(s.weight());
    } else if (step instanceof Step.Pause p) {
      return new PauseStep(p.timed() ? p.duration().toSeconds() : null);
    } else if (step instanceof Step.Gate g) {
      return new GateStep(g.name());
    } else if (step instanceof Step.Analysis a) {
      Step.Thresholds t = a.thresholds();
      return AnalysisStep.newBuilder()
          .setThresholds(AnalysisThresholds.newBuilder()
              .setMaxErrorRate(t.maxErrorRate())
              .setMaxP99LatencyMs(t.maxP99LatencyMs())
              .setMaxErrorRateIncreaseOverBaseline(t.maxErrorRateIncreaseOverBaseline())
              .setCustomMetricMax(new HashMap<>(t.customMetricMax()))
              .setMinSampleCount(t.minSampleCount())
              .build())
          .setIntervalSeconds(a.interval().toSeconds())
          .setCount(a.count())
          .setFailureLimit(a.failureLimit())
          .build();
    } else if (step instanceof Step.Preview p) {
      return new PreviewStep(p.replicas());
    } else if (step instanceof Step.Switch) {
      return new SwitchStep();
    } else if (step instanceof Step.ScaleDown s) {
      return new ScaleDownStep(s.delay().toSeconds());
    } else if (step instanceof Step.Experiment e) {
      return ExperimentStep.newBuilder()
          .setCandidateWeight(e.candidateWeight())
          .setDurationSeconds(e.duration().toSeconds())
          .setMetric(e.metric())
          .setSignificance(e.significance())
          .setPromoteWinner(e.promoteWinner())
          .build();
    }
    throw new IllegalArgumentException("unknown step " + step);
  }
}
