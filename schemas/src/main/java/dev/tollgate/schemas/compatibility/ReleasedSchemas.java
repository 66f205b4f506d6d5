package dev.tollgate.schemas.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The released versions of each top-level schema, kept in the repository as
 * {@code src/main/released/<RecordName>/v<N>.avsc} (the full, self-contained JSON). They stand for
 * what producers may already have written, so {@link EvolutionGuard} checks the current schemas
 * against all of them.
 *
 * <p>{@link #main} snapshots the current schemas as the next released version of each one that
 * changed, after checking they are compatible. Run it when a schema change ships:
 * from {@code schemas/}, {@code mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt} and
 * then {@code java -cp target/classes:$(cat target/cp.txt) dev.tollgate.schemas.compatibility.ReleasedSchemas}.
 */
public final class ReleasedSchemas {

  /** Where released versions live, relative to the module directory. */
  public static final String DIRECTORY = "src/main/released";

  private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

  private ReleasedSchemas() {}

  /** Released versions by record name, oldest first. */
  public static Map<String, List<Schema>> load(Path releasedDir) {
    Map<String, List<Schema>> released = new TreeMap<>();
    if (!Files.isDirectory(releasedDir)) {
      return released;
    }
    try (Stream<Path> dirs = Files.list(releasedDir)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        released.put(dir.getFileName().toString(), versionsIn(dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + releasedDir, e);
    }
    return released;
  }

  private static List<Schema> versionsIn(Path dir) throws IOException {
    Map<Integer, Path> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path file : entries.toList()) {
        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
          throw new IllegalStateException("Unexpected file " + file + ": released schemas are named v<N>.avsc");
        }
        files.put(Integer.parseInt(m.group(1)), file);
      }
    }
    List<Schema> versions = new ArrayList<>();
    int expected = 1;
    for (Map.Entry<Integer, Path> entry : files.entrySet()) {
      if (entry.getKey() != expected) {
        throw new IllegalStateException("Released versions in " + dir + " must be v1..vN without gaps; missing v" + expected);
      }
      Schema schema = new Schema.Parser().parse(entry.getValue().toFile());
      if (!schema.getName().equals(dir.getFileName().toString())) {
        throw new IllegalStateException(entry.getValue() + " holds " + schema.getFullName() + ", not "
            + dir.getFileName());
      }
      versions.add(schema);
      expected++;
    }
    return versions;
  }

  /**
   * Writes the current schema of every record whose text differs from its latest released version
   * as the next version; refuses (writing nothing) while {@link EvolutionGuard} reports violations.
   *
   * @return the files written
   */
  public static List<Path> snapshot(Path moduleDir) {
    Map<String, Schema> current = SchemaSources.ofModule(moduleDir).topLevel();
    Path releasedDir = moduleDir.resolve(DIRECTORY);
    Map<String, List<Schema>> released = load(releasedDir);
    List<String> violations = EvolutionGuard.violations(current, released).stream()
        .filter(v -> !v.contains(EvolutionGuard.NOT_RELEASED)).toList();
    if (!violations.isEmpty()) {
      throw new IllegalStateException(EvolutionGuard.report(violations));
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Schema> entry : current.entrySet()) {
      List<Schema> versions = released.getOrDefault(entry.getKey(), List.of());
      String text = text(entry.getValue());
      if (!versions.isEmpty() && text(versions.get(versions.size() - 1)).equals(text)) {
        continue;
      }
      Path file = releasedDir.resolve(entry.getKey()).resolve("v" + (versions.size() + 1) + ".avsc");
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + file, e);
      }
      written.add(file);
    }
    return written;
  }

  /** The released file's content for a schema: pretty JSON with every named type inlined. */
  static String text(Schema schema) {
    return schema.toString(true) + "\n";
  }

  /** Snapshots the schemas module given as the argument (default: {@code .} or {@code schemas}). */
  public static void main(String[] args) {
    Path moduleDir = args.length > 0 ? Path.of(args[0]) : defaultModuleDir();
    try {
      List<Path> written = snapshot(moduleDir);
      if (written.isEmpty()) {
        System.out.println("Every released schema is current; nothing written.");
      }
      written.forEach(file -> System.out.println("wrote " + file));
    } catch (IllegalStateException e) {
      System.err.println("Not snapshotting: " + e.getMessage());
      System.exit(1);
    }
  }

  private static Path defaultModuleDir() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("src/main/avro")) ? here : here.resolve("schemas");
  }
}
