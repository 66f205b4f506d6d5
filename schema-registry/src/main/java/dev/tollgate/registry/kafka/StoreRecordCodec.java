package dev.tollgate.registry.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.registry.store.StoreRecord;
import dev.tollgate.registry.store.StoreRecord.CompatibilityRemoved;
import dev.tollgate.registry.store.StoreRecord.CompatibilitySet;
import dev.tollgate.registry.store.StoreRecord.SchemaVersionRemoved;
import dev.tollgate.registry.store.StoreRecord.SchemaVersionWritten;
import dev.tollgate.registry.store.StoreRecord.SubjectDeleted;
import dev.tollgate.registry.store.StoreRecord.SubjectDeletionRemoved;
import dev.tollgate.schemas.compatibility.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Store records as Confluent's registry writes them to its topic: a JSON key naming the kind
 * (SCHEMA, CONFIG, DELETE_SUBJECT) and a JSON value, null for a tombstone. Keys are rendered with
 * a fixed field order, because compaction compares key bytes.
 */
public final class StoreRecordCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A record's key and value bytes; value null for a tombstone. */
  public record Encoded(byte[] key, byte[] value) {}

  public Encoded encode(StoreRecord record) {
    if (record instanceof SchemaVersionWritten r) {
      ObjectNode value = JSON.createObjectNode()
          .put("subject", r.subject()).put("version", r.version()).put("id", r.id())
          .put("schema", r.schema()).put("deleted", r.deleted());
      return new Encoded(schemaKey(r.subject(), r.version()), bytes(value));
    }
    if (record instanceof SchemaVersionRemoved r) {
      return new Encoded(schemaKey(r.subject(), r.version()), null);
    }
    if (record instanceof SubjectDeleted r) {
      ObjectNode value = JSON.createObjectNode().put("subject", r.subject()).put("version", r.version());
      return new Encoded(deleteSubjectKey(r.subject()), bytes(value));
    }
    if (record instanceof SubjectDeletionRemoved r) {
      return new Encoded(deleteSubjectKey(r.subject()), null);
    }
    if (record instanceof CompatibilitySet r) {
      return new Encoded(configKey(r.subject()), bytes(JSON.createObjectNode().put("compatibilityLevel", r.level().name())));
    }
    if (record instanceof CompatibilityRemoved r) {
      return new Encoded(configKey(r.subject()), null);
    }
    throw new IllegalArgumentException("unknown record " + record);
  }

  /**
   * The store record a log entry holds; empty for entries this registry has no use for (Confluent's
   * NOOP markers, modes, non-Avro schemas). Throws {@link IllegalArgumentException} for unreadable bytes.
   */
  public Optional<StoreRecord> decode(byte[] keyBytes, byte[] valueBytes) {
    JsonNode key = tree(keyBytes, "key");
    String subject = key.hasNonNull("subject") ? key.get("subject").asText() : null;
    JsonNode value = valueBytes == null ? null : tree(valueBytes, "value");
    switch (key.path("keytype").asText()) {
      case "SCHEMA": {
        int version = required(key, "version").asInt();
        if (value == null) {
          return Optional.of(new SchemaVersionRemoved(requiredSubject(subject), version));
        }
        String type = value.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
          return Optional.empty();
        }
        return Optional.of(new SchemaVersionWritten(requiredSubject(subject), version, required(value, "id").asInt(),
            required(value, "schema").asText(), value.path("deleted").asBoolean(false)));
      }
      case "DELETE_SUBJECT":
        return Optional.of(value == null
            ? new SubjectDeletionRemoved(requiredSubject(subject))
            : new SubjectDeleted(requiredSubject(subject), required(value, "version").asInt()));
      case "CONFIG": {
        CompatibilityLevel level = value == null ? null : CompatibilityLevel.parse(value.path("compatibilityLevel").asText(null));
        return Optional.of(level == null ? new CompatibilityRemoved(subject) : new CompatibilitySet(subject, level));
      }
      default:
        return Optional.empty();
    }
  }

  private static byte[] schemaKey(String subject, int version) {
    return bytes(JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", version)
        .put("magic", 1));
  }

  private static byte[] deleteSubjectKey(String subject) {
    return bytes(JSON.createObjectNode().put("keytype", "DELETE_SUBJECT").put("subject", subject).put("magic", 0));
  }

  private static byte[] configKey(String subject) {
    ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG");
    if (subject == null) {
      key.putNull("subject");
    } else {
      key.put("subject", subject);
    }
    return bytes(key.put("magic", 0));
  }

  private static JsonNode tree(byte[] bytes, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException("record without a " + what);
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("record " + what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("record " + what + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("record lacks \"" + field + "\": " + node);
    }
    return value;
  }

  private static String requiredSubject(String subject) {
    if (subject == null) {
      throw new IllegalArgumentException("record key lacks \"subject\"");
    }
    return subject;
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
