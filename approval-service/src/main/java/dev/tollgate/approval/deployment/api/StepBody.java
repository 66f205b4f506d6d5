package dev.tollgate.approval.deployment.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.approval.deployment.domain.Step;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * One strategy step in its JSON form: exactly one member is set, e.g. {@code {"setWeight":20}} or
 * {@code {"pause":{"durationSeconds":60}}}.
 */
@ExactlyOneStepKind
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepBody(
    @Min(0) @Max(100) Integer setWeight,
    @Valid PauseBody pause,
    @Valid GateBody gate,
    @Valid AnalysisBody analysis,
    @Valid PreviewBody preview,
    @JsonProperty("switch") SwitchBody switchTraffic,
    @Valid ScaleDownBody scaleDown,
    @Valid ExperimentBody experiment) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PauseBody(@PositiveOrZero Long durationSeconds) {}

  public record GateBody(@NotBlank @Size(max = 100) String name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AnalysisBody(
      @DecimalMin("0.0") @DecimalMax("1.0") Double maxErrorRate,
      @PositiveOrZero Double maxP99LatencyMs,
      @PositiveOrZero Double maxErrorRateIncreaseOverBaseline,
      Map<String, Double> customMetricMax,
      @PositiveOrZero Integer minSampleCount,
      @Positive Long intervalSeconds,
      @Positive Integer count,
      @PositiveOrZero Integer failureLimit) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PreviewBody(@Positive Integer replicas) {}

  public record SwitchBody() {}

  public record ScaleDownBody(@PositiveOrZero Long delaySeconds) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ExperimentBody(
      @Min(0) @Max(100) Integer candidateWeight,
      @NotNull @Positive Long durationSeconds,
      @NotBlank String metric,
      @DecimalMin(value = "0.0", inclusive = false) @DecimalMax(value = "1.0", inclusive = false) Double significance,
      Boolean promoteWinner) {}

  /** How many members are set; exactly one is valid. */
  int kindCount() {
    int n = 0;
    for (Object member : new Object[] {setWeight, pause, gate, analysis, preview, switchTraffic, scaleDown, experiment}) {
      if (member != null) {
        n++;
      }
    }
    return n;
  }

  public Step toDomain() {
    if (setWeight != null) {
      return new Step.SetWeight(setWeight);
    }
    if (pause != null) {
      return new Step.Pause(pause.durationSeconds());
    }
    if (gate != null) {
      return new Step.Gate(gate.name());
    }
    if (analysis != null) {
      return new Step.Analysis(
          new Step.Thresholds(analysis.maxErrorRate(), analysis.maxP99LatencyMs(),
              analysis.maxErrorRateIncreaseOverBaseline(), analysis.customMetricMax(),
              analysis.minSampleCount() == null ? 1 : analysis.minSampleCount()),
          analysis.intervalSeconds() == null ? 30 : analysis.intervalSeconds(),
          analysis.count() == null ? 1 : analysis.count(),
          analysis.failureLimit() == null ? 0 : analysis.failureLimit());
    }
    if (preview != null) {
      return new Step.Preview(preview.replicas());
    }
    if (switchTraffic != null) {
      return new Step.Switch();
    }
    if (scaleDown != null) {
      return new Step.ScaleDown(scaleDown.delaySeconds() == null ? 0 : scaleDown.delaySeconds());
    }
    if (experiment != null) {
      return new Step.Experiment(
          experiment.candidateWeight() == null ? 50 : experiment.candidateWeight(),
          experiment.durationSeconds(), experiment.metric(),
          experiment.significance() == null ? 0.05 : experiment.significance(),
          Boolean.TRUE.equals(experiment.promoteWinner()));
    }
    throw new IllegalStateException("a step with no kind passed validation");
  }

  public static StepBody of(Step step) {
    if (step instanceof Step.SetWeight s) {
      return new StepBody(s.weight(), null, null, null, null, null, null, null);
    }
    if (step instanceof Step.Pause p) {
      return new StepBody(null, new PauseBody(p.durationSeconds()), null, null, null, null, null, null);
    }
    if (step instanceof Step.Gate g) {
      return new StepBody(null, null, new GateBody(g.name()), null, null, null, null, null);
    }
    if (step instanceof Step.Analysis a) {
      return new StepBody(null, null, null, new AnalysisBody(
          a.thresholds().maxErrorRate(), a.thresholds().maxP99LatencyMs(),
          a.thresholds().maxErrorRateIncreaseOverBaseline(),
          a.thresholds().customMetricMax().isEmpty() ? null : a.thresholds().customMetricMax(),
          a.thresholds().minSampleCount(), a.intervalSeconds(), a.count(), a.failureLimit()),
          null, null, null, null);
    }
    if (step instanceof Step.Preview p) {
      return new StepBody(null, null, null, null, new PreviewBody(p.replicas()), null, null, null);
    }
    if (step instanceof Step.Switch) {
      return new StepBody(null, null, null, null, null, new SwitchBody(), null, null);
    }
    if (step instanceof Step.ScaleDown s) {
      return new StepBody(null, null, null, null, null, null, new ScaleDownBody(s.delaySeconds()), null);
    }
    Step.Experiment e = (Step.Experiment) step;
    return new StepBody(null, null, null, null, null, null, null, new ExperimentBody(
        e.candidateWeight(), e.durationSeconds(), e.metric(), e.significance(), e.promoteWinner()));
  }
}
