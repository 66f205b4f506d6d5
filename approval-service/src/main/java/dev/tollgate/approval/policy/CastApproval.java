package dev.tollgate.approval.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * An approval as it was given: by whom, when, for which artifact digest and under which policy
 * version. A policy decides whether it still counts (see {@link ApprovalPolicy#contextFor}).
 *
 * @param breakGlass given by an admin to override a freeze window
 */
public record CastApproval(Actor approver, Instant approvedAt, String artifactDigest, String policyVersion,
    boolean breakGlass) {

  public CastApproval {
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(approvedAt, "approvedAt");
    Objects.requireNonNull(artifactDigest, "artifactDigest");
    Objects.requireNonNull(policyVersion, "policyVersion");
  }
}
