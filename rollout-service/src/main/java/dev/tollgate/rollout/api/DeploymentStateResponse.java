package dev.tollgate.rollout.api;

import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.Profile;
import java.time.Instant;
import java.util.List;

/** The state of one model version in one environment, as served over REST. */
public record DeploymentStateResponse(
    String deploymentId,
    String modelName,
    String modelVersion,
    String environment,
    String status,
    int currentStepIndex,
    int stepCount,
    List<Weight> weights,
    List<String> approvers,
    String policyVersion,
    String artifactDigest,
    String strategyKind,
    String lastVerdict,
    ProfileResponse profile,
    Instant requestedAt,
    Instant approvedAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt,
    String lastEventType) {

  public record Weight(String modelVersion, int weight) {}

  public record ProfileResponse(
      String instanceType, String instanceSize, int replicas, String location, String updateSchedule) {

    static ProfileResponse from(Profile p) {
      return p == null ? null
          : new ProfileResponse(p.instanceType(), p.instanceSize(), p.replicas(), p.location(), p.updateSchedule());
    }
  }

  public static DeploymentStateResponse from(DeploymentView v) {
    return new DeploymentStateResponse(v.deploymentId(), v.model(), v.version(), v.environment(), v.status().name(),
        v.currentStepIndex(), v.stepCount(),
        v.weights().stream().map(w -> new Weight(w.modelVersion(), w.weight())).toList(),
        v.approvers(), v.policyVersion(), v.artifactDigest(), v.strategyKind().name(), v.lastVerdict(),
        ProfileResponse.from(v.profile()), v.requestedAt(), v.approvedAt(), v.startedAt(), v.finishedAt(),
        v.updatedAt(), v.lastEventType());
  }
}
