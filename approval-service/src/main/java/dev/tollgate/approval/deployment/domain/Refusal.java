package dev.tollgate.approval.deployment.domain;

import java.time.Instant;

/** Why the aggregate did not carry out a command. Nothing changed; no event was caused. */
public sealed interface Refusal {

  String message();

  /** The deployment is no longer pending: approved, rejected, superseded, withdrawn or expired. */
  record AlreadyDecided(DeploymentStatus status, String message) implements Refusal {}

  /** A stage gate was already approved, rejected or abandoned. */
  record GateClosed(String gateStatus, String message) implements Refusal {}

  /** The request outlived the policy's request-ttl; the sweeper will mark it EXPIRED. */
  record Expired(Instant expiredAt, String message) implements Refusal {}

  /** The requester or commit author tried to approve (separation of duties). */
  record SelfApproval(String message) implements Refusal {}

  /** This person already approved; one person counts once. */
  record DuplicateApproval(String message) implements Refusal {}

  /** The actor may not give this command at all (e.g. withdraw someone else's request). */
  record NotPermitted(String message) implements Refusal {}

  /**
   * The environment's policy does not accept this decision or request.
   *
   * @param rule the policy rule that refused, e.g. {@code promotion-order}
   */
  record PolicyRefusal(String rule, String message) implements Refusal {
    public PolicyRefusal(String message) {
      this("policy", message);
    }
  }

  /** The approval would reach quorum during a freeze window; an admin may break the glass. */
  record Frozen(Instant until, String message) implements Refusal {}
}
