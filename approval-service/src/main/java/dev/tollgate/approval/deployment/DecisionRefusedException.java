package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.Refusal;

/** The aggregate refused a decision; nothing changed. */
public class DecisionRefusedException extends RuntimeException {

  private final String deploymentId;
  private final Refusal refusal;

  public DecisionRefusedException(String deploymentId, Refusal refusal) {
    super(refusal.message());
    this.deploymentId = deploymentId;
    this.refusal = refusal;
  }

  public String deploymentId() {
    return deploymentId;
  }

  public Refusal refusal() {
    return refusal;
  }
}
