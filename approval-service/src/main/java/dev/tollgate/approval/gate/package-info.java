/**
 * Stage gates as a feature: gate requests from rollout-service, approvers' votes, their storage,
 * and the gate events on the approvals topic (through the outbox).
 */
package dev.tollgate.approval.gate;
