package dev.tollgate.schemas;

import dev.tollgate.events.AnalysisStep;
import dev.tollgate.events.AnalysisThresholds;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.ArtifactSource;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.DeploymentState;
import dev.tollgate.events.DeploymentStatus;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.GateStep;
import dev.tollgate.events.AbortRequested;
import dev.tollgate.events.BatchedSample;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.events.OperatorCommand;
import dev.tollgate.events.HealthStats;
import dev.tollgate.events.PauseStep;
import dev.tollgate.events.RollbackTrigger;
import dev.tollgate.events.RollbackTriggered;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.RuleEvaluation;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.StrategyKind;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Realistic events of every topic value type, as the services produce them. */
public final class SampleEvents {

  public static final Instant AT = Instant.parse("2026-03-02T09:15:30.123Z");
  public static final String DIGEST = "sha256:" + "ab".repeat(32);

  private SampleEvents() {}

  public static Envelope envelope(String actor) {
    return Envelope.newBuilder()
        .setEventId("5f0c8a52-7d1e-4d7a-9a57-0c6f2f1d9e11")
        .setOccurredAt(AT)
        .setActor(actor)
        .setDeploymentId("dep-7f3a")
        .setModelName("fraud-detector")
        .setModelVersion("1.4.0")
        .setEnvironment("staging")
        .setCausationId("0b7d2c1e-3f4a-4e5b-8c6d-7e8f9a0b1c2d")
        .build();
  }

  public static DeploymentProfile profile() {
    return DeploymentProfile.newBuilder().setInstanceType("ml.g5").setInstanceSize("xlarge").setReplicas(2)
        .setLocation("eu-west-1").setUpdateSchedule("weekdays 09:00-17:00 Europe/Berlin").build();
  }

  public static RolloutStrategy canary() {
    return RolloutStrategy.newBuilder().setKind(StrategyKind.CANARY).setSteps(List.of(
        SetWeightStep.newBuilder().setWeight(20).build(),
        PauseStep.newBuilder().setDurationSeconds(1L).build(),
        AnalysisStep.newBuilder().setThresholds(AnalysisThresholds.newBuilder().setMaxErrorRate(0.01)
            .setMaxP99LatencyMs(250.0).setCustomMetricMax(Map.of("drift", 0.2)).build()).build(),
        GateStep.newBuilder().setGate("widen").build(),
        SetWeightStep.newBuilder().setWeight(100).build())).build();
  }

  public static DeploymentRequestEvent deploymentRequested() {
    return DeploymentRequestEvent.newBuilder().setEnvelope(envelope("ci:pipeline")).setPayload(
        DeploymentRequested.newBuilder().setArtifactDigest(DIGEST)
            .setSource(ArtifactSource.newBuilder().setGitCommit("9f2c1e7").setCommitAuthor("dave")
                .setPipelineRunUrl("https://ci.example/run/42").build())
            .setStrategy(canary()).setProfile(profile()).setIdempotencyKey("ci-run-42").build()).build();
  }

  public static ApprovalEvent deploymentApproved() {
    return ApprovalEvent.newBuilder().setEnvelope(envelope("system:approval-service")).setPayload(
        DeploymentApproved.newBuilder().setArtifactDigest(DIGEST).setPolicyVersion("staging@3")
            .setApprovers(List.of("alice")).setStrategy(canary()).setProfile(profile())
            .setEvaluation(List.of(RuleEvaluation.newBuilder().setRule("quorum").setPassed(true)
                .setMessage("1 of 1 approvals by role approver").build())).build()).build();
  }

  public static RolloutEvent rollbackTriggered() {
    HealthStats evidence = HealthStats.newBuilder().setModelVersion("1.4.0").setSampleCount(12).setRequestCount(48_000)
        .setErrorCount(960).setErrorRate(0.02).setP99LatencyMs(310.5).setCustomMetrics(Map.of("drift", 0.31)).build();
    return RolloutEvent.newBuilder().setEnvelope(envelope("system:rollout-service")).setPayload(
        RollbackTriggered.newBuilder().setTrigger(RollbackTrigger.METRIC_BREACH)
            .setReason("error rate 2.0% above 1.0%").setStepIndex(2).setRollbackToVersion("1.3.2")
            .setEvidence(evidence).build()).build();
  }

  public static TrafficCommand trafficCommand() {
    return TrafficCommand.newBuilder().setEnvelope(envelope("system:rollout-service")).setCommandId("cmd-0001")
        .setWeights(List.of(new VersionWeight("1.3.2", 80), new VersionWeight("1.4.0", 20)))
        .setAckDeadline(AT.plusSeconds(30)).build();
  }

  public static OperatorCommand abortRequested() {
    return new OperatorCommand(envelope("olivia"), new AbortRequested("p99 latency looks off in the canary"));
  }

  public static HealthSample healthSample() {
    return HealthSample.newBuilder().setEnvelope(envelope("platform:serving")).setWindowStart(AT.minusSeconds(10))
        .setWindowEnd(AT).setRequestCount(4_000).setErrorCount(3).setLatencyP50Ms(12.5).setLatencyP95Ms(48.0)
        .setLatencyP99Ms(97.25).setCustomMetrics(Map.of("drift", 0.04, "gpu_util", 0.71)).build();
  }

  public static HealthSampleBatch healthSampleBatch() {
    BatchedSample sample = BatchedSample.newBuilder().setIdFingerprint(-4_217_390_017_334_812_201L)
        .setModelVersion("1.4.0").setWindowEnd(AT).setRequestCount(4_000).setErrorCount(3).setLatencyP99Ms(97.25)
        .setCustomMetrics(Map.of("drift", 0.04)).build();
    return HealthSampleBatch.newBuilder().setModelName("fraud-detector").setEnvironment("staging")
        .setSamples(List.of(sample)).build();
  }

  public static DeploymentState deploymentState() {
    return DeploymentState.newBuilder().setDeploymentId("dep-7f3a").setModelName("fraud-detector")
        .setModelVersion("1.4.0").setEnvironment("staging").setStatus(DeploymentStatus.ROLLING_OUT)
        .setArtifactDigest(DIGEST).setStrategyKind(StrategyKind.CANARY).setCurrentStepIndex(1).setStepCount(5)
        .setWeights(List.of(new VersionWeight("1.3.2", 80), new VersionWeight("1.4.0", 20)))
        .setApprovers(List.of("alice")).setPolicyVersion("staging@3").setProfile(profile())
        .setRequestedAt(AT.minusSeconds(600)).setApprovedAt(AT.minusSeconds(120)).setStartedAt(AT.minusSeconds(60))
        .setUpdatedAt(AT).setLastEventId("5f0c8a52-7d1e-4d7a-9a57-0c6f2f1d9e11").setLastEventType("StepStarted")
        .build();
  }
}
