package dev.tollgate.approval.deployment.domain;

/** Where a deployment stands in approval-service's part of the lifecycle. */
public enum DeploymentStatus {
  PENDING_APPROVAL,
  APPROVED,
  REJECTED,
  SUPERSEDED,
  CANCELLED;

  /** Decided deployments take no more approvals or rejections. */
  public boolean isDecided() {
    return this != PENDING_APPROVAL;
  }
}
