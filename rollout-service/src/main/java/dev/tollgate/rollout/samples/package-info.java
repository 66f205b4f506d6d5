/**
 * Health samples as records: read from their Avro bytes ({@link dev.tollgate.rollout.samples.SampleReader}),
 * regrouped per model and environment ({@link dev.tollgate.rollout.samples.SampleBatcher}), written as
 * batches ({@link dev.tollgate.rollout.samples.BatchWriter}) and read back by the controller
 * ({@link dev.tollgate.rollout.samples.BatchReader}). The current layouts are decoded and encoded
 * by hand, checked against the registry's writer schema, with the Avro serde for anything else. Used
 * by the health ingest and by the topology's source; depends on neither.
 */
package dev.tollgate.rollout.samples;
