package dev.tollgate.schemas.compatibility;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The build's guard against incompatible schema changes: every current top-level schema must be
 * {@link CompatibilityLevel#BACKWARD_TRANSITIVE} against all its released versions (what the
 * registry enforces), every enum must declare a default symbol (so old readers survive a new
 * symbol), and every field added to a record since v1 must have a default.
 */
public final class EvolutionGuard {

  public static final CompatibilityLevel LEVEL = CompatibilityLevel.BACKWARD_TRANSITIVE;

  static final String NOT_RELEASED = "has no released version";

  private EvolutionGuard() {}

  /** Violations of the module at {@code moduleDir} (its src/main/avro against its src/main/released). */
  public static List<String> violations(Path moduleDir) {
    return violations(SchemaSources.ofModule(moduleDir).topLevel(),
        ReleasedSchemas.load(moduleDir.resolve(ReleasedSchemas.DIRECTORY)));
  }

  /** Violations of the current schemas (by record name) against the released ones (oldest first). */
  public static List<String> violations(Map<String, Schema> current, Map<String, List<Schema>> released) {
    List<String> violations = new ArrayList<>();
    for (String name : released.keySet()) {
      if (!current.containsKey(name)) {
        violations.add(name + ": was released but no longer exists; producers may still write it");
      }
    }
    for (Map.Entry<String, Schema> entry : current.entrySet()) {
      String name = entry.getKey();
      Schema schema = entry.getValue();
      List<Schema> versions = released.getOrDefault(name, List.of());
      if (versions.isEmpty()) {
        violations.add(name + ": " + NOT_RELEASED + "; snapshot it with ReleasedSchemas");
      }
      for (String v : LEVEL.violations(schema, versions)) {
        violations.add(name + ": " + LEVEL + ": " + v);
      }
      violations.addAll(enumsWithoutDefault(schema));
      if (!versions.isEmpty()) {
        violations.addAll(fieldsAddedWithoutDefault(versions.get(0), schema));
      }
    }
    return violations;
  }

  /** Enums anywhere in the schema that declare no default symbol. */
  public static List<String> enumsWithoutDefault(Schema schema) {
    List<String> violations = new ArrayList<>();
    for (Schema named : namedTypes(schema).values()) {
      if (named.getType() == Schema.Type.ENUM && named.getEnumDefault() == null) {
        violations.add(schema.getName() + ": enum " + named.getFullName()
            + " declares no \"default\" symbol; readers of an older version fail on any new symbol");
      }
    }
    return violations;
  }

  /** Fields of records present in {@code first} that the current schema added without a default. */
  public static List<String> fieldsAddedWithoutDefault(Schema first, Schema current) {
    Map<String, Schema> before = namedTypes(first);
    List<String> violations = new ArrayList<>();
    for (Schema record : namedTypes(current).values()) {
      Schema old = record.getType() == Schema.Type.RECORD ? before.get(record.getFullName()) : null;
      if (old == null || old.getType() != Schema.Type.RECORD) {
        continue; // a record new since v1 (e.g. a new union branch) has no "added" fields
      }
      for (Schema.Field field : record.getFields()) {
        boolean existed = old.getField(field.name()) != null
            || field.aliases().stream().anyMatch(a -> old.getField(a) != null);
        if (!existed && !field.hasDefaultValue()) {
          violations.add(current.getName() + ": field " + record.getName() + "." + field.name()
              + " was added after v1 without a default");
        }
      }
    }
    return violations;
  }

  /** A readable multi-line report for build output. */
  public static String report(List<String> violations) {
    StringBuilder text = new StringBuilder(violations.size() + " schema evolution violation(s):");
    violations.forEach(v -> text.append("\n  - ").append(v));
    return text.append("\nFix the schema (add defaults, aliases, keep types), or, if this break is intended,")
        .append(" it needs a new topic: released versions stand for data already written.").toString();
  }

  /** Every named type reachable from the schema, by full name. */
  static Map<String, Schema> namedTypes(Schema schema) {
    Map<String, Schema> named = new LinkedHashMap<>();
    collect(schema, named, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    return named;
  }

  private static void collect(Schema schema, Map<String, Schema> named, Set<Schema> seen) {
    if (!seen.add(schema)) {
      return;
    }
    switch (schema.getType()) {
      case RECORD -> {
        named.putIfAbsent(schema.getFullName(), schema);
        schema.getFields().forEach(f -> collect(f.schema(), named, seen));
      }
      case ENUM, FIXED -> named.putIfAbsent(schema.getFullName(), schema);
      case ARRAY -> collect(schema.getElementType(), named, seen);
      case MAP -> collect(schema.getValueType(), named, seen);
      case UNION -> schema.getTypes().forEach(t -> collect(t, named, seen));
      default -> {
        // primitives hold no named types
      }
    }
  }
}
