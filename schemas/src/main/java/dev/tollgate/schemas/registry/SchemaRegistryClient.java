package dev.tollgate.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/** The parts of the Confluent Schema Registry REST API that Tollgate uses. */
public interface SchemaRegistryClient {

  /** Registers the schema under the subject (or finds it there) and returns its global id. */
  int register(String subject, Schema schema);

  /** The id of a schema already registered under the subject, without registering it. */
  int idOf(String subject, Schema schema);

  /** The schema with that global id. */
  Schema schemaById(int id);

  /** The latest version registered under the subject. */
  RegisteredSchema latest(String subject);

  /** A given version of the subject. */
  RegisteredSchema version(String subject, int version);

  /** All versions registered under the subject, oldest first. */
  List<Integer> versions(String subject);

  /** Every subject the registry knows. */
  List<String> subjects();

  /** Whether the schema may be registered under the subject under its compatibility setting. */
  CompatibilityResult testCompatibility(String subject, Schema schema);

  /** The subject's compatibility level, or the global one when {@code subject} is null. */
  String compatibility(String subject);

  /** Sets the subject's compatibility level, or the global one when {@code subject} is null. */
  void setCompatibility(String subject, String level);

  /** A schema as registered under a subject. */
  record RegisteredSchema(String subject, int version, int id, Schema schema) {}

  /** Whether a schema is compatible, and if not, why. */
  record CompatibilityResult(boolean compatible, List<String> messages) {}
}
