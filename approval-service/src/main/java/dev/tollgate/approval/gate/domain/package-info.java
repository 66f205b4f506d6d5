/**
 * Stage gates: a running rollout waits at a gated step until approvers open it. Plain Java on the
 * policy machinery of {@link dev.tollgate.approval.policy}; commands return events or refusals.
 */
package dev.tollgate.approval.gate.domain;
