package dev.tollgate.audit.ingest;

import java.nio.ByteBuffer;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a decoded Avro record as plain JSON for auditors — not Avro's JSON encoding, which wraps
 * every union value in {@code {"<branch>": value}}. Rules: a record is an object; a record chosen
 * from a union of several records carries a {@code "type"} member with its simple name (first, so
 * it reads as a tag); a nullable value is the value or null; enums are their symbol; timestamps are
 * ISO-8601 strings; bytes and fixed are base64; non-finite doubles are strings (JSON has no NaN).
 */
final class AvroJson {

  static final String TYPE_MEMBER = "type";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  static ObjectNode render(IndexedRecord record) {
    return record(record, false);
  }

  private static JsonNode value(Schema schema, Object datum, boolean tagRecord) {
    if (datum == null) {
      return NODES.nullNode();
    }
    return switch (schema.getType()) {
      case RECORD -> record((IndexedRecord) datum, tagRecord);
      case UNION -> union(schema, datum);
      case ARRAY -> array(schema.getElementType(), (Collection<?>) datum);
      case MAP -> map(schema.getValueType(), (Map<?, ?>) datum);
      case ENUM, STRING -> NODES.stringNode(datum.toString());
      case BYTES -> NODES.stringNode(base64((ByteBuffer) datum));
      case FIXED -> NODES.stringNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
      case INT, LONG -> number(datum);
      case FLOAT, DOUBLE -> floating(((Number) datum).doubleValue());
      case BOOLEAN -> NODES.booleanNode((Boolean) datum);
      case NULL -> NODES.nullNode();
    };
  }

  private static ObjectNode record(IndexedRecord record, boolean tagRecord) {
    ObjectNode node = NODES.objectNode();
    Schema schema = record.getSchema();
    if (tagRecord) {
      node.put(TYPE_MEMBER, schema.getName());
    }
    for (Schema.Field field : schema.getFields()) {
      node.set(field.name(), value(field.schema(), record.get(field.pos()), false));
    }
    return node;
  }

  private static JsonNode union(Schema union, Object datum) {
    List<Schema> nonNull = union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    // a nullable value has one candidate; resolving it by class would miss logical-type values
    // (an Instant for a timestamp-millis branch), which the generic model has no conversion for
    Schema branch = nonNull.size() == 1
        ? nonNull.get(0)
        : union.getTypes().get(SpecificData.get().resolveUnion(union, datum));
    long records = nonNull.stream().filter(s -> s.getType() == Schema.Type.RECORD).count();
    return value(branch, datum, branch.getType() == Schema.Type.RECORD && records > 1);
  }

  private static ArrayNode array(Schema elementType, Collection<?> items) {
    ArrayNode node = NODES.arrayNode(items.size());
    for (Object item : items) {
      node.add(value(elementType, item, false));
    }
    return node;
  }

  private static ObjectNode map(Schema valueType, Map<?, ?> entries) {
    ObjectNode node = NODES.objectNode();
    // Avro maps are unordered; sort so that the same record always renders the same JSON
    entries.entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
        .forEach(e -> node.set(e.getKey().toString(), value(valueType, e.getValue(), false)));
    return node;
  }

  private static JsonNode number(Object datum) {
    // logical types (timestamp-millis, date, time) arrive converted to java.time values
    if (datum instanceof TemporalAccessor time) {
      return NODES.stringNode(time.toString());
    }
    return datum instanceof Integer i ? NODES.numberNode(i) : NODES.numberNode(((Number) datum).longValue());
  }

  private static JsonNode floating(double value) {
    return Double.isFinite(value) ? NODES.numberNode(value) : NODES.stringNode(Double.toString(value));
  }

  private static String base64(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
