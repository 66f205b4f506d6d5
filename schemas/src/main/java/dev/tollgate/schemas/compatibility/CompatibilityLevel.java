package dev.tollgate.schemas.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;

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
   * when it may. Each message says which version and direction failed and names the field, e.g.
   * {@code the new schema cannot read data written with version 1: ApprovalEvent.payload[DeploymentApproved].ticket: ...}.
   */
  public List<String> violations(Schema candidate, List<Schema> previous) {
    List<String> messages = new ArrayList<>();
    if (previous.isEmpty() || this == NONE) {
      return messages;
    }
    int first = transitive ? 0 : previous.size() - 1;
    for (int i = first; i < previous.size(); i++) {
      Schema old = previous.get(i);
      String which = transitive ? "version " + (i + 1) : "the latest version (" + (i + 1) + ")";
      if (newReadsOld) {
        for (String problem : IncompatibilityReport.describe(candidate, old)) {
          messages.add("the new schema cannot read data written with " + which + ": " + problem);
        }
      }
      if (oldReadsNew) {
        for (String problem : IncompatibilityReport.describe(old, candidate)) {
          messages.add(which + " cannot read data written with the new schema: " + problem);
        }
      }
    }
    return messages;
  }

  /** Whether {@code candidate} may follow {@code previous} (oldest first) under this level. */
  public boolean isCompatible(Schema candidate, List<Schema> previous) {
    return violations(candidate, previous).isEmpty();
  }
}
