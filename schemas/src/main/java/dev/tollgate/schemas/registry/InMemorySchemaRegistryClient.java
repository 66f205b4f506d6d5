package dev.tollgate.schemas.registry;

import dev.tollgate.schemas.compatibility.CompatibilityLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A registry held in memory, for unit and topology tests (as Confluent's MockSchemaRegistryClient).
 * Selected by {@code schema.registry.url=mock://<scope>}: clients of one scope share one registry
 * inside one JVM, so a test's producers, Streams app and consumers agree on ids.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  public static final String MOCK_URL_PREFIX = "mock://";

  private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private final Map<String, List<Schema>> subjects = new LinkedHashMap<>();
  private final Map<Integer, Schema> byId = new LinkedHashMap<>();
  private final Map<Schema, Integer> idBySchema = new LinkedHashMap<>();
  private final Map<String, String> compatibility = new LinkedHashMap<>();
  private String globalCompatibility = CompatibilityLevel.BACKWARD.name();

  /** The shared registry of a mock:// scope. */
  public static InMemorySchemaRegistryClient forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
  }

  /** Forgets a mock:// scope, so the next test starts from an empty registry. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Schema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    int existing = idOrZero(schema);
    if (existing != 0 && versions.contains(schema)) {
      return existing;
    }
    CompatibilityLevel level = CompatibilityLevel.parse(compatibility(subject));
    List<String> violations = level.violations(schema, versions);
    if (!violations.isEmpty()) {
      throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for subject \""
          + subject + "\": " + violations, 409, 409, subject, null);
    }
    int id = existing != 0 ? existing : byId.size() + 1;
    byId.putIfAbsent(id, schema);
    idBySchema.putIfAbsent(schema, id);
    versions.add(schema);
    return id;
  }

  @Override
  public synchronized int idOf(String subject, Schema schema) {
    List<Schema> versions = subjects.get(subject);
    if (versions == null) {
      throw notFound(subject, 40401, "Subject '" + subject + "' not found.");
    }
    if (!versions.contains(schema)) {
      throw notFound(subject, 40403, "Schema not found under subject '" + subject + "'");
    }
    return idOrZero(schema);
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw notFound(null, 40403, "Schema " + id + " not found");
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Schema> versions = versionsOf(subject);
    return version(subject, versions.size());
  }

  @Override
  public synchronized RegisteredSchema version(String subject, int version) {
    List<Schema> versions = versionsOf(subject);
    if (version < 1 || version > versions.size()) {
      throw notFound(subject, 40402, "Version " + version + " not found.");
    }
    Schema schema = versions.get(version - 1);
    return new RegisteredSchema(subject, version, idOrZero(schema), schema);
  }

  @Override
  public synchronized List<Integer> versions(String subject) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 1; i <= versionsOf(subject).size(); i++) {
      numbers.add(i);
    }
    return numbers;
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  @Override
  public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
    List<Schema> versions = subjects.getOrDefault(subject, List.of());
    List<String> violations = CompatibilityLevel.parse(compatibility(subject)).violations(schema, versions);
    return new CompatibilityResult(violations.isEmpty(), violations);
  }

  @Override
  public synchronized String compatibility(String subject) {
    return subject == null ? globalCompatibility : compatibility.getOrDefault(subject, globalCompatibility);
  }

  @Override
  public synchronized void setCompatibility(String subject, String level) {
    CompatibilityLevel parsed = CompatibilityLevel.parse(level);
    if (parsed == null) {
      throw new SchemaRegistryException("Invalid compatibility level " + level, 422, 42203, subject, null);
    }
    if (subject == null) {
      globalCompatibility = parsed.name();
    } else {
      compatibility.put(subject, parsed.name());
    }
  }

  private List<Schema> versionsOf(String subject) {
    List<Schema> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw notFound(subject, 40401, "Subject '" + subject + "' not found.");
    }
    return versions;
  }

  private int idOrZero(Schema schema) {
    return idBySchema.getOrDefault(schema, 0);
  }

  private static SchemaRegistryException notFound(String subject, int code, String message) {
    return new SchemaRegistryException(message, 404, code, subject, null);
  }
}
