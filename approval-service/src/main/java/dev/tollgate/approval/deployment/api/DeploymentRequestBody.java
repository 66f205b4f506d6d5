package dev.tollgate.approval.deployment.api;

import dev.tollgate.approval.deployment.domain.DeploymentRequest;
import dev.tollgate.strategy.InvalidStrategyException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * CI's deployment request. The same rules validate requests read from the requests topic: bean
 * validation for the shape, then {@link #toDomain} for the strategy rules.
 */
public record DeploymentRequestBody(
    @NotBlank @Pattern(regexp = NAME, message = NAME_MESSAGE) String modelName,
    @NotBlank @Pattern(regexp = VERSION, message = VERSION_MESSAGE) String modelVersion,
    @NotBlank @Pattern(regexp = DIGEST, message = "must be sha256: followed by 64 lowercase hex digits") String artifactDigest,
    @NotBlank @Pattern(regexp = ENVIRONMENT, message = "must be a lowercase environment name such as staging") String environment,
    @Valid SourceBody source,
    @Valid StrategyBody strategy,
    @NotNull @Valid ProfileBody profile) {

  public static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";
  public static final String NAME_MESSAGE =
      "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit (no '/')";
  public static final String VERSION = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}";
  public static final String VERSION_MESSAGE =
      "must be 1-64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit (no '/')";
  public static final String DIGEST = "sha256:[0-9a-f]{64}";
  public static final String ENVIRONMENT = "[a-z][a-z0-9-]{0,31}";

  /**
   * The request of a body that passed bean validation (its shape).
   *
   * @throws InvalidStrategyException when the strategy breaks a rule rollout-service would refuse it
   *     by (a preview in a canary, failureLimit not below count, ...), naming each step
   */
  public DeploymentRequest toDomain(String idempotencyKey) {
    return new DeploymentRequest(modelName, modelVersion, artifactDigest, environment,
        source == null ? null : source.toDomain(), strategy == null ? null : strategy.toDomain().requireValid(),
        profile.toDomain(), idempotencyKey);
  }
}
