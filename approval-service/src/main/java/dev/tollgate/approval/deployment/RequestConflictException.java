package dev.tollgate.approval.deployment;

/**
 * A request reuses an idempotency key or a deployment id that belongs to a different request
 * (another model, version, environment or artifact): a client bug, never silently merged.
 */
public class RequestConflictException extends RuntimeException {

  private final String existingDeploymentId;

  public RequestConflictException(String message, String existingDeploymentId) {
    super(message);
    this.existingDeploymentId = existingDeploymentId;
  }

  public String existingDeploymentId() {
    return existingDeploymentId;
  }
}
