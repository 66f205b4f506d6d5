package dev.tollgate.schemas.compatibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Turns Avro's reader/writer incompatibilities into sentences naming the field, e.g.
 * {@code ApprovalEvent.payload[DeploymentApproved].changeTicket: field has no default ...}.
 * Avro reports a changed record inside a union only as "reader union lacking writer type: RECORD";
 * we look into the same-named branches so the message names the field that actually broke.
 */
final class IncompatibilityReport {

  private IncompatibilityReport() {}

  /** Why {@code reader} cannot read data written with {@code writer}, one sentence per problem. */
  static List<String> describe(Schema reader, Schema writer) {
    List<String> out = new ArrayList<>();
    describe(reader, writer, label(reader), out, 0);
    return out;
  }

  private static void describe(Schema reader, Schema writer, String rootPath, List<String> out, int depth) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    for (Incompatibility problem : result.getIncompatibilities()) {
      Walk walk = Walk.along(reader, writer, rootPath, problem.getLocation());
      if (problem.getType() == SchemaCompatibility.SchemaIncompatibilityType.MISSING_UNION_BRANCH && depth < 16) {
        Schema sameNamed = sameNamedBranch(walk.reader, walk.writer);
        int before = out.size();
        if (sameNamed != null) {
          describe(sameNamed, walk.writer, walk.path, out, depth + 1);
          if (out.size() > before) {
            continue;
          }
        }
      }
      out.add(walk.path + ": " + explain(problem, walk) + " [" + problem.getType() + " at " + problem.getLocation() + "]");
    }
  }

  private static String explain(Incompatibility problem, Walk walk) {
    String message = problem.getMessage();
    return switch (problem.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE ->
          "field has no default, and data written with the other schema lacks it";
      case TYPE_MISMATCH -> "type changed (" + message + ")";
      case MISSING_ENUM_SYMBOLS -> "enum symbols " + message + " are unknown to the reader, which has no default symbol";
      case MISSING_UNION_BRANCH -> "union branch " + (walk.writer == null ? "" : label(walk.writer) + " ")
          + "is unknown to the reader (" + message + ")";
      case NAME_MISMATCH -> "name changed (" + message + "; keep the name or add the old one as an alias)";
      case FIXED_SIZE_MISMATCH -> "fixed size changed (" + message + ")";
    };
  }

  /** The reader union's branch that has the writer branch's name (or names it as an alias). */
  private static Schema sameNamedBranch(Schema readerUnion, Schema writerBranch) {
    if (readerUnion == null || writerBranch == null || readerUnion.getType() != Schema.Type.UNION
        || !isNamed(writerBranch)) {
      return null;
    }
    for (Schema branch : readerUnion.getTypes()) {
      if (branch.getType() == writerBranch.getType() && isNamed(branch)
          && (branch.getFullName().equals(writerBranch.getFullName())
              || branch.getAliases().contains(writerBranch.getFullName()))) {
        return branch;
      }
    }
    return null;
  }

  private static boolean isNamed(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> true;
      default -> false;
    };
  }

  static String label(Schema schema) {
    return isNamed(schema) ? schema.getName() : schema.getType().getName();
  }

  /** Follows Avro's location pointer through reader and writer together, building a dotted field path. */
  private static final class Walk {
    Schema reader;
    Schema writer;
    String path;

    static Walk along(Schema reader, Schema writer, String rootPath, String location) {
      Walk walk = new Walk();
      walk.reader = reader;
      walk.writer = writer;
      walk.path = rootPath;
      try {
        walk.follow(Arrays.stream(location.split("/")).filter(t -> !t.isEmpty()).toList());
      } catch (RuntimeException e) {
        walk.path = rootPath + " at " + location; // a location shape we do not know: keep Avro's pointer
      }
      return walk;
    }

    private void follow(List<String> tokens) {
      StringBuilder path = new StringBuilder(this.path);
      for (int i = 0; i < tokens.size(); i++) {
        alignWriterToReader();
        String token = tokens.get(i);
        switch (token) {
          case "fields" -> {
            Schema.Field field = reader.getFields().get(Integer.parseInt(tokens.get(++i)));
            Schema.Field writerField = writer == null ? null : writerField(writer, field);
            path.append('.').append(field.name());
            reader = field.schema();
            writer = writerField == null ? null : writerField.schema();
            if (i + 1 < tokens.size() && tokens.get(i + 1).equals("type")) {
              i++;
            }
          }
          case "items" -> {
            reader = reader.getElementType();
            writer = writer == null ? null : writer.getElementType();
            path.append("[]");
          }
          case "values" -> {
            reader = reader.getValueType();
            writer = writer == null ? null : writer.getValueType();
            path.append("{}");
          }
          case "symbols", "name", "size", "type" -> {
            // describes the current schema itself
          }
          default -> {
            // a writer-union branch index; Avro keeps the whole reader union for the comparison
            writer = writer.getTypes().get(Integer.parseInt(token));
            path.append('[').append(label(writer)).append(']');
          }
        }
      }
      this.path = path.toString();
    }

    /** Avro compares a non-union reader with each writer branch without noting which: pick the matching one. */
    private void alignWriterToReader() {
      if (writer == null || writer.getType() != Schema.Type.UNION || reader.getType() == Schema.Type.UNION) {
        return;
      }
      for (Schema branch : writer.getTypes()) {
        if (branch.getType() == reader.getType() && (!isNamed(branch) || branch.getFullName().equals(reader.getFullName()))) {
          writer = branch;
          return;
        }
      }
    }

    private static Schema.Field writerField(Schema writer, Schema.Field readerField) {
      if (writer.getType() != Schema.Type.RECORD) {
        return null;
      }
      Schema.Field direct = writer.getField(readerField.name());
      if (direct != null) {
        return direct;
      }
      for (String alias : readerField.aliases()) {
        Schema.Field aliased = writer.getField(alias);
        if (aliased != null) {
          return aliased;
        }
      }
      return null;
    }
  }
}
