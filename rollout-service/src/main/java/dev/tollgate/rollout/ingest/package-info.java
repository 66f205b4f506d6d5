/**
 * Health ingest: reads the serving platform's health samples with a plain consumer and regroups
 * them into batches per model and environment for the controller, exactly once (a Kafka transaction
 * holds the batches and the consumed offsets).
 */
package dev.tollgate.rollout.ingest;
