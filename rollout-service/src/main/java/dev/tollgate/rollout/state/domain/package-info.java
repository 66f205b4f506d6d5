/**
 * The materialized view of deployments as a pure fold: lifecycle events in, the state of one model
 * version in one environment (and what is live per environment) out. No Kafka, Avro or Spring here;
 * the Streams processor maps records to {@link dev.tollgate.rollout.state.domain.LifecycleEvent}s.
 */
package dev.tollgate.rollout.state.domain;
