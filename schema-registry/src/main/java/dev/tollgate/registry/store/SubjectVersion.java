package dev.tollgate.registry.store;

/** One version of a subject: the schema's global id and canonical text, and whether it was soft-deleted. */
public record SubjectVersion(String subject, int version, int id, String schema, boolean deleted) {}
