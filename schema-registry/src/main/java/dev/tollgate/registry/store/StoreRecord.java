package dev.tollgate.registry.store;

import dev.tollgate.schemas.compatibility.CompatibilityLevel;

/**
 * One entry of the registry's log. The state is a function of the latest entry per key, so a
 * compacted log rebuilds the same state; removals are tombstones of the key they remove.
 */
public sealed interface StoreRecord {

  /** The subject the record is about, or null for the global configuration. */
  String subject();

  /** A version of a subject, registered or (with {@code deleted}) soft-deleted. Key: SCHEMA(subject, version). */
  record SchemaVersionWritten(String subject, int version, int id, String schema, boolean deleted)
      implements StoreRecord {}

  /** A version hard-deleted: the tombstone of its SCHEMA key. */
  record SchemaVersionRemoved(String subject, int version) implements StoreRecord {}

  /** Every version up to and including {@code version} soft-deleted. Key: DELETE_SUBJECT(subject). */
  record SubjectDeleted(String subject, int version) implements StoreRecord {}

  /** The tombstone of a DELETE_SUBJECT key, written when the subject is hard-deleted. */
  record SubjectDeletionRemoved(String subject) implements StoreRecord {}

  /** A compatibility level, of a subject or (subject null) global. Key: CONFIG(subject). */
  record CompatibilitySet(String subject, CompatibilityLevel level) implements StoreRecord {}

  /** The tombstone of a CONFIG key: the subject (or global) setting falls back to its default. */
  record CompatibilityRemoved(String subject) implements StoreRecord {}
}
