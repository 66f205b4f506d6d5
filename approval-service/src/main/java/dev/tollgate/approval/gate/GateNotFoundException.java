package dev.tollgate.approval.gate;

/** The deployment has no gate of this name. */
public class GateNotFoundException extends RuntimeException {

  private final String deploymentId;
  private final String gate;

  public GateNotFoundException(String deploymentId, String gate) {
    super("deployment " + deploymentId + " has no gate named " + gate);
    this.deploymentId = deploymentId;
    this.gate = gate;
  }

  public String deploymentId() {
    return deploymentId;
  }

  public String gate() {
    return gate;
  }
}
