/**
 * Operator and alert commands for the rollout controller: published onto
 * {@code Topics.ROLLOUT_COMMANDS} (keyed by model name, so they reach the controller task that owns
 * the lane), never applied to state directly.
 */
package dev.tollgate.rollout.operator;
