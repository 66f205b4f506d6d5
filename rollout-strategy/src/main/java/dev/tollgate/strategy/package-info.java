/**
 * Rollout strategies as data and the rules a valid one keeps: plain Java with no dependency beyond
 * the JDK, shared by approval-service (which refuses an invalid strategy at intake) and
 * rollout-service (which runs it), so both judge a strategy by the same rules.
 */
package dev.tollgate.strategy;
