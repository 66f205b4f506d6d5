package dev.tollgate.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/** A registry that knows exactly the schemas it was given, under the ids it was given. */
public final class FixedIdRegistry implements SchemaRegistryClient {

  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final List<String> calls = new ArrayList<>();

  public FixedIdRegistry with(int id, Schema schema) {
    byId.put(id, schema);
    return this;
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  private synchronized void call(String what) {
    calls.add(what);
  }

  private int find(String subject, Schema schema) {
    return byId.entrySet().stream().filter(e -> e.getValue().equals(schema)).map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new SchemaRegistryException("Schema not found", 404, 40403, subject, null));
  }

  @Override
  public int register(String subject, Schema schema) {
    call("register " + subject);
    return find(subject, schema);
  }

  @Override
  public int idOf(String subject, Schema schema) {
    call("idOf " + subject);
    return find(subject, schema);
  }

  @Override
  public Schema schemaById(int id) {
    call("schemaById " + id);
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException("Schema " + id + " not found", 404, 40403, null, null);
    }
    return schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    throw new UnsupportedOperationException();
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<Integer> versions(String subject) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<String> subjects() {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompatibilityResult testCompatibility(String subject, Schema schema) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String compatibility(String subject) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setCompatibility(String subject, String level) {
    throw new UnsupportedOperationException();
  }
}
