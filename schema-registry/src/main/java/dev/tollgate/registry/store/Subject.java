package dev.tollgate.registry.store;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.IntFunction;

/** The versions of one subject as the log describes them; mutable, guarded by {@link SchemaStore}. */
final class Subject {

  /** A version's own record: its schema id and whether that record marks it soft-deleted. */
  record Entry(int id, boolean deleted) {}

  private final String name;
  private final NavigableMap<Integer, Entry> versions = new TreeMap<>();
  /** Versions up to this one are soft-deleted by a DELETE_SUBJECT record; 0 when none. */
  private int deletedUpTo;

  Subject(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  void put(int version, int id, boolean deleted) {
    versions.put(version, new Entry(id, deleted));
  }

  Entry remove(int version) {
    return versions.remove(version);
  }

  void deleteUpTo(int version) {
    deletedUpTo = version;
  }

  boolean isEmpty() {
    return versions.isEmpty() && deletedUpTo == 0;
  }

  boolean isDeleted(int version) {
    Entry entry = versions.get(version);
    return entry != null && (entry.deleted() || version <= deletedUpTo);
  }

  boolean hasVersions() {
    return !versions.isEmpty();
  }

  boolean hasLiveVersions() {
    return versions.keySet().stream().anyMatch(v -> !isDeleted(v));
  }

  /** Versions oldest first, soft-deleted ones only when asked. */
  List<SubjectVersion> versions(boolean includeDeleted, IntFunction<String> schemaText) {
    return versions.entrySet().stream()
        .filter(e -> includeDeleted || !isDeleted(e.getKey()))
        .map(e -> new SubjectVersion(name, e.getKey(), e.getValue().id(), schemaText.apply(e.getValue().id()),
            isDeleted(e.getKey())))
        .toList();
  }

  /** Versions keep counting after soft deletes; they restart only once everything was hard-deleted. */
  int nextVersion() {
    int highest = versions.isEmpty() ? 0 : versions.lastKey();
    return Math.max(highest, deletedUpTo) + 1;
  }

  int latestVersionIncludingDeleted() {
    return versions.isEmpty() ? 0 : versions.lastKey();
  }

  boolean references(int id) {
    return versions.values().stream().anyMatch(e -> e.id() == id);
  }
}
