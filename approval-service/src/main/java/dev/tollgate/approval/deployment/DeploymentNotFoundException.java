package dev.tollgate.approval.deployment;

/** No deployment has this id. */
public class DeploymentNotFoundException extends RuntimeException {

  private final String deploymentId;

  public DeploymentNotFoundException(String deploymentId) {
    super("no deployment with id " + deploymentId);
    this.deploymentId = deploymentId;
  }

  public String deploymentId() {
    return deploymentId;
  }
}
