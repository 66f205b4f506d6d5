package dev.tollgate.registry.store;

import dev.tollgate.registry.store.StoreRecord.CompatibilityRemoved;
import dev.tollgate.registry.store.StoreRecord.CompatibilitySet;
import dev.tollgate.registry.store.StoreRecord.SchemaVersionRemoved;
import dev.tollgate.registry.store.StoreRecord.SchemaVersionWritten;
import dev.tollgate.registry.store.StoreRecord.SubjectDeleted;
import dev.tollgate.registry.store.StoreRecord.SubjectDeletionRemoved;
import dev.tollgate.schemas.compatibility.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's state in memory: subjects and their versions, schemas by global id, and the
 * compatibility settings. It changes only by {@link #apply applying} log records; the {@code plan…}
 * commands validate a request against the current state and say which records would carry it out,
 * without changing anything. Thread-safe; callers serialize plan-append-apply themselves.
 */
public final class SchemaStore {

  public static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

  private final Map<String, Subject> subjects = new TreeMap<>();
  private final Map<Integer, String> schemaTextById = new HashMap<>();
  private final Map<String, Integer> idBySchemaText = new HashMap<>();
  private final Map<Integer, Schema> parsedById = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int highestId;

  // ---- applying the log

  public synchronized void apply(StoreRecord record) {
    if (record instanceof SchemaVersionWritten r) {
      subjects.computeIfAbsent(r.subject(), Subject::new).put(r.version(), r.id(), r.deleted());
      // should a foreign writer have given one schema two ids, new registrations reuse the first
      idBySchemaText.putIfAbsent(r.schema(), r.id());
      schemaTextById.putIfAbsent(r.id(), r.schema());
      highestId = Math.max(highestId, r.id());
    } else if (record instanceof SchemaVersionRemoved r) {
      Subject subject = subjects.get(r.subject());
      Subject.Entry removed = subject == null ? null : subject.remove(r.version());
      dropIfEmpty(subject);
      if (removed != null) {
        forgetIfUnreferenced(removed.id());
      }
    } else if (record instanceof SubjectDeleted r) {
      subjects.computeIfAbsent(r.subject(), Subject::new).deleteUpTo(r.version());
    } else if (record instanceof SubjectDeletionRemoved r) {
      Subject subject = subjects.get(r.subject());
      if (subject != null) {
        subject.deleteUpTo(0);
        dropIfEmpty(subject);
      }
    } else if (record instanceof CompatibilitySet r) {
      if (r.subject() == null) {
        globalLevel = r.level();
      } else {
        subjectLevels.put(r.subject(), r.level());
      }
    } else if (record instanceof CompatibilityRemoved r) {
      if (r.subject() == null) {
        globalLevel = null;
      } else {
        subjectLevels.remove(r.subject());
      }
    } else {
      throw new IllegalArgumentException("unknown record " + record);
    }
  }

  private void dropIfEmpty(Subject subject) {
    if (subject != null && subject.isEmpty()) {
      subjects.remove(subject.name());
    }
  }

  private void forgetIfUnreferenced(int id) {
    if (subjects.values().stream().noneMatch(s -> s.references(id))) {
      String text = schemaTextById.remove(id);
      parsedById.remove(id);
      if (text != null) {
        idBySchemaText.remove(text, id);
      }
    }
  }

  // ---- queries

  public synchronized List<String> subjects(boolean includeDeleted) {
    return subjects.values().stream()
        .filter(s -> includeDeleted ? s.hasVersions() : s.hasLiveVersions())
        .map(Subject::name)
        .toList();
  }

  public synchronized List<SubjectVersion> versions(String subject, boolean includeDeleted) {
    List<SubjectVersion> versions = existing(subject, includeDeleted).versions(includeDeleted, schemaTextById::get);
    if (versions.isEmpty()) {
      throw subjectNotFound(subject);
    }
    return versions;
  }

  public synchronized SubjectVersion version(String subject, VersionRef ref, boolean includeDeleted) {
    List<SubjectVersion> versions = versions(subject, includeDeleted);
    if (ref.isLatest()) {
      return versions.get(versions.size() - 1);
    }
    return versions.stream().filter(v -> v.version() == ref.number()).findFirst()
        .orElseThrow(() -> RegistryError.VERSION_NOT_FOUND.exception(
            "Version " + ref.number() + " not found for subject '" + subject + "'"));
  }

  public synchronized String schemaById(int id) {
    String text = schemaTextById.get(id);
    if (text == null) {
      throw RegistryError.SCHEMA_NOT_FOUND.exception("Schema " + id + " not found");
    }
    return text;
  }

  /** The subject versions that use the schema with that id. */
  public synchronized List<SubjectVersion> versionsOfId(int id, boolean includeDeleted) {
    schemaById(id);
    List<SubjectVersion> uses = new ArrayList<>();
    for (Subject subject : subjects.values()) {
      subject.versions(includeDeleted, schemaTextById::get).stream().filter(v -> v.id() == id).forEach(uses::add);
    }
    return uses;
  }

  /** The version of the subject that holds this schema: 40401 unknown subject, 40403 schema not under it. */
  public synchronized SubjectVersion lookup(String subject, CanonicalSchema schema, boolean includeDeleted) {
    List<SubjectVersion> versions = versions(subject, includeDeleted);
    return findSchema(versions, schema.text())
        .orElseThrow(() -> RegistryError.SCHEMA_NOT_FOUND.exception("Schema not found under subject '" + subject + "'"));
  }

  public synchronized CompatibilityLevel globalLevel() {
    return globalLevel == null ? DEFAULT_LEVEL : globalLevel;
  }

  public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  public synchronized CompatibilityLevel effectiveLevel(String subject) {
    return subjectLevel(subject).orElseGet(this::globalLevel);
  }

  /**
   * Why the schema may not be registered under the subject, judged by the subject's level: against
   * the given version only, or (null) against the live versions the level looks at. Empty when it may.
   */
  public synchronized List<String> compatibilityViolations(String subject, CanonicalSchema schema, VersionRef against) {
    List<SubjectVersion> previous;
    if (against == null) {
      previous = liveVersions(subject);
    } else if (against.isLatest()) {
      // a subject with nothing registered yet accepts anything
      previous = liveVersions(subject);
    } else {
      previous = List.of(version(subject, against, false));
    }
    List<Schema> schemas = previous.stream().map(v -> parsed(v.id())).toList();
    return effectiveLevel(subject).violations(schema.schema(), schemas);
  }

  // ---- planning writes

  /** Registers the schema under the subject, or finds it there already (no records then). */
  public synchronized Change<SubjectVersion> planRegistration(String subject, CanonicalSchema schema) {
    List<SubjectVersion> live = liveVersions(subject);
    Optional<SubjectVersion> existing = findSchema(live, schema.text());
    if (existing.isPresent()) {
      return Change.none(existing.get());
    }
    List<String> violations = compatibilityViolations(subject, schema, null);
    if (!violations.isEmpty()) {
      throw RegistryError.INCOMPATIBLE_SCHEMA.exception("Schema being registered is incompatible with an earlier "
          + "schema for subject '" + subject + "' (compatibility " + effectiveLevel(subject) + "): "
          + String.join("; ", violations));
    }
    Integer knownId = idBySchemaText.get(schema.text());
    int id = knownId != null ? knownId : highestId + 1;
    Subject known = subjects.get(subject);
    int version = known == null ? 1 : known.nextVersion();
    SubjectVersion registered = new SubjectVersion(subject, version, id, schema.text(), false);
    return Change.of(new SchemaVersionWritten(subject, version, id, schema.text(), false), registered);
  }

  /** Soft-deletes every live version (answer: those versions), or hard-deletes a soft-deleted subject. */
  public synchronized Change<List<Integer>> planSubjectDeletion(String subject, boolean permanent) {
    Subject known = subjects.get(subject);
    if (known == null || !known.hasVersions()) {
      throw subjectNotFound(subject);
    }
    List<SubjectVersion> all = known.versions(true, schemaTextById::get);
    if (!permanent) {
      if (!known.hasLiveVersions()) {
        throw RegistryError.SUBJECT_SOFT_DELETED.exception("Subject '" + subject
            + "' was soft deleted. Set permanent=true to delete permanently");
      }
      List<Integer> live = all.stream().filter(v -> !v.deleted()).map(SubjectVersion::version).toList();
      return Change.of(new SubjectDeleted(subject, known.latestVersionIncludingDeleted()), live);
    }
    if (known.hasLiveVersions()) {
      throw RegistryError.SUBJECT_NOT_SOFT_DELETED.exception("Subject '" + subject
          + "' was not deleted first before being permanently deleted");
    }
    List<StoreRecord> records = new ArrayList<>();
    all.forEach(v -> records.add(new SchemaVersionRemoved(subject, v.version())));
    records.add(new SubjectDeletionRemoved(subject));
    if (subjectLevels.containsKey(subject)) {
      records.add(new CompatibilityRemoved(subject));
    }
    return new Change<>(records, all.stream().map(SubjectVersion::version).toList());
  }

  /** Soft-deletes one live version, or hard-deletes a soft-deleted one; answers the version number. */
  public synchronized Change<Integer> planVersionDeletion(String subject, VersionRef ref, boolean permanent) {
    Subject known = subjects.get(subject);
    if (known == null || !known.hasVersions()) {
      throw subjectNotFound(subject);
    }
    // "latest" is the newest live version for a soft delete, the newest of any for a hard one;
    // a numbered version is found even when soft-deleted, to answer 40406 rather than 40402
    SubjectVersion target = version(subject, ref, permanent || !ref.isLatest());
    if (!permanent) {
      if (target.deleted()) {
        throw versionSoftDeleted(subject, target.version());
      }
      return Change.of(new SchemaVersionWritten(subject, target.version(), target.id(), target.schema(), true),
          target.version());
    }
    if (!target.deleted()) {
      throw RegistryError.VERSION_NOT_SOFT_DELETED.exception("Subject '" + subject + "' Version " + target.version()
          + " was not deleted first before being permanently deleted");
    }
    List<StoreRecord> records = new ArrayList<>();
    records.add(new SchemaVersionRemoved(subject, target.version()));
    if (known.versions(true, schemaTextById::get).size() == 1) {
      // the last version is going: clear the subject's deletion marker so versions restart at 1
      records.add(new SubjectDeletionRemoved(subject));
    }
    return new Change<>(records, target.version());
  }

  /** Sets the subject's (or, subject null, the global) compatibility level. */
  public synchronized Change<CompatibilityLevel> planLevel(String subject, CompatibilityLevel level) {
    return Change.of(new CompatibilitySet(subject, level), level);
  }

  /**
   * Removes the subject's (or global) level; answers the level it had. 40408 when a subject has none
   * (40401 when the subject is unknown as well).
   */
  public synchronized Change<CompatibilityLevel> planLevelRemoval(String subject) {
    if (subject == null) {
      return Change.of(new CompatibilityRemoved(null), globalLevel());
    }
    CompatibilityLevel current = subjectLevels.get(subject);
    if (current == null) {
      Subject known = subjects.get(subject);
      if (known == null || !known.hasVersions()) {
        throw subjectNotFound(subject);
      }
      throw compatibilityNotConfigured(subject);
    }
    return Change.of(new CompatibilityRemoved(subject), current);
  }

  public static RegistryException compatibilityNotConfigured(String subject) {
    return RegistryError.SUBJECT_COMPATIBILITY_NOT_CONFIGURED.exception("Subject '" + subject
        + "' does not have subject-level compatibility configured");
  }

  // ---- helpers

  private Subject existing(String subject, boolean includeDeleted) {
    Subject known = subjects.get(subject);
    if (known == null || !(includeDeleted ? known.hasVersions() : known.hasLiveVersions())) {
      throw subjectNotFound(subject);
    }
    return known;
  }

  private List<SubjectVersion> liveVersions(String subject) {
    Subject known = subjects.get(subject);
    return known == null ? List.of() : known.versions(false, schemaTextById::get);
  }

  private static Optional<SubjectVersion> findSchema(List<SubjectVersion> versions, String text) {
    // the newest match, should a schema have come back after a soft delete
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).schema().equals(text)) {
        return Optional.of(versions.get(i));
      }
    }
    return Optional.empty();
  }

  private Schema parsed(int id) {
    return parsedById.computeIfAbsent(id, i -> new Schema.Parser().parse(schemaTextById.get(i)));
  }

  private static RegistryException subjectNotFound(String subject) {
    return RegistryError.SUBJECT_NOT_FOUND.exception("Subject '" + subject + "' not found.");
  }

  private static RegistryException versionSoftDeleted(String subject, int version) {
    return RegistryError.VERSION_SOFT_DELETED.exception("Subject '" + subject + "' Version " + version
        + " was soft deleted. Set permanent=true to delete permanently");
  }
}
