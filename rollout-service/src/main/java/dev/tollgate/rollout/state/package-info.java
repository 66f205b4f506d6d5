/**
 * The materialized deployment state: the Streams processor that folds lifecycle records, its Avro
 * mapping, and {@link dev.tollgate.rollout.state.StateQueries} over the interactive-query stores.
 */
package dev.tollgate.rollout.state;
