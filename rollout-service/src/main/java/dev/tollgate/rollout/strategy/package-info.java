/**
 * The rollout state machine that runs a {@link dev.tollgate.strategy.Strategy} (the strategy as
 * data and its rules live in module rollout-strategy, shared with approval-service's intake):
 * plain Java (no Spring, Kafka or Avro), time from an injected {@link java.time.Clock}; commands
 * return the events they cause.
 */
package dev.tollgate.rollout.strategy;
