/**
 * The audit hash chain: one chain per source topic-partition, each link binding the canonical
 * bytes of one recorded Kafka record to the hash of the link before it. Plain Java: no Spring,
 * Kafka or Avro types, so the same code verifies a chain inside the service, in tests and in an
 * offline verifier.
 */
package dev.tollgate.audit.chain;
