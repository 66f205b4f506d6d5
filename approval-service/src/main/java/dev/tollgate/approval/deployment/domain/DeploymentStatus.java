package dev.tollgate.approval.deployment.domain;

/** Where a deployment stands in approval-service's part of the lifecycle. */
public enum DeploymentStatus {
  PENDING_APPROVAL,
  APPROVED,
  REJECTED,
  /** A newer request for the same model and environment replaced it while it was pending. */
  SUPERSEDED,
  /** CI cancelled it on the requests topic. */
  CANCELLED,
  /** The requester or an admin withdrew it over REST. */
  WITHDRAWN,
  /** Nobody reached a decision within the policy's request-ttl. */
  EXPIRED;

  /** Decided deployments take no more approvals or rejections. */
  public boolean isDecided() {
    return this != PENDING_APPROVAL;
  }
}
