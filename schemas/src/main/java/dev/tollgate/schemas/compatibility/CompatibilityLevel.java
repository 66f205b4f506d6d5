package dev.tollgate.schemas.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The Confluent Schema Registry compatibility levels, each able to judge a new schema against the
 * versions registered before it.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  /** Parses a level as the registry's REST API spells it; null when unknown. */
  public static CompatibilityLevel parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Why {@code candidate} may not follow {@code previous} (oldest first) under this level; empty
   * when it may.
   */
  public List<String> violations(Schema candidate, List<Schema> previous) {
    List<String> messages = new ArrayList<>();
    if (previous.isEmpty() || this == NONE) {
      return messages;
    }
    List<Schema> against = transitive ? previous : List.of(previous.get(previous.size() - 1));
    for (int i = 0; i < against.size(); i++) {
      Schema old = against.get(i);
      String which = transitive ? "version " + (i + 1) : "the latest version";
      if (newReadsOld) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old),
            "the new schema cannot read data written with " + which, messages);
      }
      if (oldReadsNew) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate),
            which + " cannot read data written with the new schema", messages);
      }
    }
    return messages;
  }

  private static void describe(SchemaPairCompatibility result, String direction, List<String> messages) {
    for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
      messages.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
          + " (" + incompatibility.getMessage() + ")");
    }
  }
}
