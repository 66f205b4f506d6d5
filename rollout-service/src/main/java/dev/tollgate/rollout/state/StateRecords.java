package dev.tollgate.rollout.state;

import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.DeploymentState;
import dev.tollgate.events.DeploymentStatus;
import dev.tollgate.events.LiveVersion;
import dev.tollgate.events.StrategyKind;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.state.domain.Profile;

/** The fold's views as the Avro records of DEPLOYMENT_STATE and LIVE_VERSIONS. */
public final class StateRecords {

  private StateRecords() {}

  public static DeploymentState toAvro(DeploymentView v) {
    return DeploymentState.newBuilder()
        .setDeploymentId(v.deploymentId())
        .setModelName(v.model())
        .setModelVersion(v.version())
        .setEnvironment(v.environment())
        .setStatus(DeploymentStatus.valueOf(v.status().name()))
        .setArtifactDigest(v.artifactDigest())
        .setStrategyKind(StrategyKind.valueOf(v.strategyKind().name()))
        .setCurrentStepIndex(v.currentStepIndex())
        .setStepCount(v.stepCount())
        .setWeights(v.weights().stream().map(w -> new VersionWeight(w.modelVersion(), w.weight())).toList())
        .setApprovers(v.approvers())
        .setPolicyVersion(v.policyVersion())
        .setLastVerdict(v.lastVerdict())
        .setProfile(profile(v.profile()))
        .setRequestedAt(v.requestedAt())
        .setApprovedAt(v.approvedAt())
        .setStartedAt(v.startedAt())
        .setFinishedAt(v.finishedAt())
        .setUpdatedAt(v.updatedAt())
        .setLastEventId(v.lastEventId())
        .setLastEventType(v.lastEventType())
        .build();
  }

  public static LiveVersion toAvro(LiveDeployment live) {
    return LiveVersion.newBuilder()
        .setModelName(live.model())
        .setEnvironment(live.environment())
        .setModelVersion(live.version())
        .setDeploymentId(live.deploymentId())
        .setSince(live.since())
        .build();
  }

  private static DeploymentProfile profile(Profile p) {
    return p == null ? null : DeploymentProfile.newBuilder()
        .setInstanceType(p.instanceType())
        .setInstanceSize(p.instanceSize())
        .setReplicas(p.replicas())
        .setLocation(p.location())
        .setUpdateSchedule(p.updateSchedule())
        .build();
  }
}
