package dev.tollgate.registry.store;

import org.apache.avro.Schema;

/**
 * A parsed Avro schema and its canonical text (Avro's own JSON rendering), which is what the
 * registry stores, returns and compares: the same schema written with different whitespace or
 * key order gets the same id.
 */
public record CanonicalSchema(String text, Schema schema) {

  /** Parses schema text as a client sent it; 42201 when it is not a valid Avro schema. */
  public static CanonicalSchema parse(String text) {
    if (text == null || text.isBlank()) {
      throw RegistryError.INVALID_SCHEMA.exception("Empty schema");
    }
    try {
      Schema schema = new Schema.Parser().parse(text);
      return new CanonicalSchema(schema.toString(), schema);
    } catch (RuntimeException e) {
      // Avro reports bad schemas with several exception types (SchemaParseException, AvroTypeException, ...)
      throw RegistryError.INVALID_SCHEMA.exception("Invalid schema: " + e.getMessage(), e);
    }
  }
}
