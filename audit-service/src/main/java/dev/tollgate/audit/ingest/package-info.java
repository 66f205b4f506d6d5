/**
 * Exactly-once ingest of every lifecycle topic into the audit trail: a Kafka consumer whose
 * offsets live in PostgreSQL, written in the same transaction as the rows and chain links they
 * cover; unreadable records are dead-lettered and recorded as links of their own.
 */
package dev.tollgate.audit.ingest;
