package dev.tollgate.audit.trail;

import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The event types the trail can hold, as the ingest names them: each branch of a lifecycle topic's
 * {@code payload} union, or the value record's own name for a topic without one. A filter naming
 * anything else is a typo, answered 400 instead of an empty page.
 */
final class EventTypes {

  static final Set<String> KNOWN = known();

  private EventTypes() {}

  private static Set<String> known() {
    Set<String> types = new TreeSet<>();
    for (Topic<String, ?> topic : Topics.LIFECYCLE) {
      Schema value = SpecificData.get().getSchema(topic.valueType());
      Schema.Field payload = value.getField("payload");
      if (payload == null) {
        types.add(value.getName());
        continue;
      }
      for (Schema branch : payload.schema().getTypes()) {
        if (branch.getType() == Schema.Type.RECORD) {
          types.add(branch.getName());
        }
      }
    }
    return Set.copyOf(types);
  }
}
