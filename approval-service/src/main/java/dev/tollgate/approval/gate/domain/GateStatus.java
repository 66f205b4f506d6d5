package dev.tollgate.approval.gate.domain;

/** Where a stage gate stands. */
public enum GateStatus {
  /** rollout-service waits at the gate for its quorum. */
  PENDING,
  APPROVED,
  REJECTED,
  /** The rollout ended (aborted or rolled back) before the gate was decided. */
  ABANDONED
}
