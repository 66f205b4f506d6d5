package dev.tollgate.approval.deployment.domain;

/** Why the aggregate did not carry out a command. Nothing changed; no event was caused. */
public sealed interface Refusal {

  String message();

  /** The deployment is no longer pending: approved, rejected, superseded or cancelled. */
  record AlreadyDecided(DeploymentStatus status, String message) implements Refusal {}

  /** The requester or commit author tried to approve (separation of duties). */
  record SelfApproval(String message) implements Refusal {}

  /** This person already approved; one person counts once. */
  record DuplicateApproval(String message) implements Refusal {}

  /** The environment's policy does not accept this decision from this actor. */
  record PolicyRefusal(String message) implements Refusal {}
}
