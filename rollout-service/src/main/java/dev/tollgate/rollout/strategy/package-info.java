/**
 * Rollout strategies as data and the rollout state machine: plain Java (no Spring, Kafka or Avro),
 * time from an injected {@link java.time.Clock}; commands return the events they cause.
 */
package dev.tollgate.rollout.strategy;
