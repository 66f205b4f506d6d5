/**
 * rollout-service's events as approval-service needs them: completed rollouts (promotion order)
 * and stage-gate requests, read from the rollouts topic.
 */
package dev.tollgate.approval.rollout;
