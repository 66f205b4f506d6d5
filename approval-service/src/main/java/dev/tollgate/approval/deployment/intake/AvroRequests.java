package dev.tollgate.approval.deployment.intake;

import dev.tollgate.approval.deployment.api.DeploymentRequestBody;
import dev.tollgate.approval.deployment.api.ProfileBody;
import dev.tollgate.approval.deployment.api.SourceBody;
import dev.tollgate.approval.deployment.api.StrategyBody;
import dev.tollgate.approval.events.AvroValues;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.Envelope;

/**
 * CI's Avro request in the REST body's form, so both intakes are validated by the same rules.
 */
final class AvroRequests {

  private AvroRequests() {}

  /** @throws IllegalArgumentException when the strategy holds values the domain refuses */
  static DeploymentRequestBody toBody(Envelope envelope, DeploymentRequested request) {
    var source = request.getSource();
    var profile = request.getProfile();
    return new DeploymentRequestBody(
        envelope.getModelName(),
        envelope.getModelVersion(),
        request.getArtifactDigest(),
        envelope.getEnvironment(),
        source == null ? null : new SourceBody(source.getGitCommit(), source.getCommitAuthor(),
            source.getPipelineRunUrl()),
        request.getStrategy() == null ? null : StrategyBody.of(AvroValues.strategy(request.getStrategy())),
        profile == null ? null : new ProfileBody(profile.getInstanceType(), profile.getInstanceSize(),
            profile.getReplicas(), profile.getLocation(), profile.getUpdateSchedule()));
  }
}
