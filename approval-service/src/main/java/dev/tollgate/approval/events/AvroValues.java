package dev.tollgate.approval.events;

import dev.tollgate.approval.deployment.domain.ArtifactSource;
import dev.tollgate.approval.deployment.domain.DeploymentProfile;
import dev.tollgate.approval.deployment.domain.RolloutStrategy;
import dev.tollgate.approval.deployment.domain.Step;
import dev.tollgate.approval.deployment.domain.StrategyKind;
import dev.tollgate.approval.policy.PolicyEvaluation;
import dev.tollgate.events.AnalysisStep;
import dev.tollgate.events.AnalysisThresholds;
import dev.tollgate.events.ExperimentStep;
import dev.tollgate.events.GateStep;
import dev.tollgate.events.PauseStep;
import dev.tollgate.events.PreviewStep;
import dev.tollgate.events.RuleEvaluation;
import dev.tollgate.events.ScaleDownStep;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.SwitchStep;
import java.util.HashMap;
import java.util.List;

/** Value mapping between domain values and the Avro records they travel as, both ways. */
public final class AvroValues {

  private AvroValues() {}

  public static dev.tollgate.events.RolloutStrategy strategy(RolloutStrategy strategy) {
    return dev.tollgate.events.RolloutStrategy.newBuilder()
        .setKind(dev.tollgate.events.StrategyKind.valueOf(strategy.kind().name()))
        .setSteps(strategy.steps().stream().map(AvroValues::step).toList())
        .build();
  }

  static Object step(Step step) {
    if (step instanceof Step.SetWeight s) {
      return SetWeightStep.newBuilder().setWeight(s.weight()).build();
    }
    if (step instanceof Step.Pause p) {
      return PauseStep.newBuilder().setDurationSeconds(p.durationSeconds()).build();
    }
    if (step instanceof Step.Gate g) {
      return GateStep.newBuilder().setGate(g.name()).build();
    }
    if (step instanceof Step.Analysis a) {
      return AnalysisStep.newBuilder()
          .setThresholds(AnalysisThresholds.newBuilder()
              .setMaxErrorRate(a.thresholds().maxErrorRate())
              .setMaxP99LatencyMs(a.thresholds().maxP99LatencyMs())
              .setMaxErrorRateIncreaseOverBaseline(a.thresholds().maxErrorRateIncreaseOverBaseline())
              .setCustomMetricMax(new HashMap<>(a.thresholds().customMetricMax()))
              .setMinSampleCount(a.thresholds().minSampleCount())
              .build())
          .setIntervalSeconds(a.intervalSeconds())
          .setCount(a.count())
          .setFailureLimit(a.failureLimit())
          .build();
    }
    if (step instanceof Step.Preview p) {
      return PreviewStep.newBuilder().setReplicas(p.replicas()).build();
    }
    if (step instanceof Step.Switch) {
      return SwitchStep.newBuilder().build();
    }
    if (step instanceof Step.ScaleDown s) {
      return ScaleDownStep.newBuilder().setDelaySeconds(s.delaySeconds()).build();
    }
    Step.Experiment e = (Step.Experiment) step;
    return ExperimentStep.newBuilder()
        .setCandidateWeight(e.candidateWeight())
        .setDurationSeconds(e.durationSeconds())
        .setMetric(e.metric())
        .setSignificance(e.significance())
        .setPromoteWinner(e.promoteWinner())
        .build();
  }

  /** The domain strategy of an Avro one; throws IllegalArgumentException on values the domain refuses. */
  public static RolloutStrategy strategy(dev.tollgate.events.RolloutStrategy strategy) {
    if (strategy.getKind() == dev.tollgate.events.StrategyKind.UNKNOWN) {
      throw new IllegalArgumentException("strategy.kind UNKNOWN is not a strategy this service knows");
    }
    return new RolloutStrategy(StrategyKind.valueOf(strategy.getKind().name()),
        strategy.getSteps().stream().map(AvroValues::step).toList());
  }

  static Step step(Object step) {
    if (step instanceof SetWeightStep s) {
      return new Step.SetWeight(s.getWeight());
    }
    if (step instanceof PauseStep p) {
      return new Step.Pause(p.getDurationSeconds());
    }
    if (step instanceof GateStep g) {
      return new Step.Gate(g.getGate());
    }
    if (step instanceof AnalysisStep a) {
      return new Step.Analysis(new Step.Thresholds(
          a.getThresholds().getMaxErrorRate(), a.getThresholds().getMaxP99LatencyMs(),
          a.getThresholds().getMaxErrorRateIncreaseOverBaseline(), a.getThresholds().getCustomMetricMax(),
          a.getThresholds().getMinSampleCount()), a.getIntervalSeconds(), a.getCount(), a.getFailureLimit());
    }
    if (step instanceof PreviewStep p) {
      return new Step.Preview(p.getReplicas());
    }
    if (step instanceof SwitchStep) {
      return new Step.Switch();
    }
    if (step instanceof ScaleDownStep s) {
      return new Step.ScaleDown(s.getDelaySeconds());
    }
    if (step instanceof ExperimentStep e) {
      return new Step.Experiment(e.getCandidateWeight(), e.getDurationSeconds(), e.getMetric(),
          e.getSignificance(), e.getPromoteWinner());
    }
    throw new IllegalArgumentException("unknown step type " + step.getClass().getName());
  }

  public static dev.tollgate.events.DeploymentProfile profile(DeploymentProfile profile) {
    return dev.tollgate.events.DeploymentProfile.newBuilder()
        .setInstanceType(profile.instanceType())
        .setInstanceSize(profile.instanceSize())
        .setReplicas(profile.replicas())
        .setLocation(profile.location())
        .setUpdateSchedule(profile.updateSchedule())
        .build();
  }

  public static dev.tollgate.events.ArtifactSource source(ArtifactSource source) {
    return dev.tollgate.events.ArtifactSource.newBuilder()
        .setGitCommit(source.gitCommit())
        .setCommitAuthor(source.commitAuthor())
        .setPipelineRunUrl(source.pipelineRunUrl())
        .build();
  }

  public static List<RuleEvaluation> evaluation(PolicyEvaluation evaluation) {
    return evaluation.results().stream()
        .map(r -> RuleEvaluation.newBuilder().setRule(r.rule()).setPassed(r.passed()).setMessage(r.message()).build())
        .toList();
  }
}
