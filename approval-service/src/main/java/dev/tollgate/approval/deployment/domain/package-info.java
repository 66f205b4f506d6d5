/**
 * The deployment aggregate: what CI asked for, the decisions on it, and its approval status.
 * Commands return the events they cause or a refusal; adapters persist and publish them.
 * Plain Java (no Spring, Kafka or Avro).
 */
package dev.tollgate.approval.deployment.domain;
