package dev.tollgate.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.registry.store.CanonicalSchema;
import dev.tollgate.registry.store.RegistryError;

/** Reads the {@code {"schema": "...", "schemaType": "AVRO"}} body of register, lookup and compatibility calls. */
final class SchemaBody {

  private SchemaBody() {}

  static CanonicalSchema read(ApiRequest request) {
    JsonNode body = request.jsonBody();
    JsonNode type = body.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
      throw RegistryError.INVALID_SCHEMA.exception("Invalid schema type " + type.asText()
          + ": this registry supports AVRO only");
    }
    JsonNode references = body.get("references");
    if (references != null && references.isArray() && !references.isEmpty()) {
      throw RegistryError.INVALID_SCHEMA.exception("Schema references are not supported by this registry");
    }
    JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw RegistryError.INVALID_SCHEMA.exception("Empty schema: the body needs a \"schema\" string");
    }
    return CanonicalSchema.parse(schema.asText());
  }
}
