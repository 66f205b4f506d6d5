package dev.tollgate.approval.deployment.api;

import dev.tollgate.approval.deployment.domain.DeploymentProfile;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A deployment profile in its JSON form. */
public record ProfileBody(
    @NotBlank @Size(max = 100) String instanceType,
    @Size(max = 100) String instanceSize,
    @NotNull @Min(1) @Max(10_000) Integer replicas,
    @NotBlank @Size(max = 100) String location,
    @Size(max = 200) String updateSchedule) {

  public DeploymentProfile toDomain() {
    return new DeploymentProfile(instanceType, instanceSize, replicas, location, updateSchedule);
  }

  public static ProfileBody of(DeploymentProfile profile) {
    return new ProfileBody(profile.instanceType(), profile.instanceSize(), profile.replicas(), profile.location(),
        profile.updateSchedule());
  }
}
