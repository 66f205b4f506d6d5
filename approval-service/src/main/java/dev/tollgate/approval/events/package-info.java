/**
 * The Avro adapter: turns domain events into the schemas' records (and CI's Avro requests into
 * domain values). The only place approval-service touches {@code dev.tollgate.events}.
 */
package dev.tollgate.approval.events;
