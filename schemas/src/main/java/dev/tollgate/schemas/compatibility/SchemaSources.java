package dev.tollgate.schemas.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.avro.Schema;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The module's {@code .avsc} sources, parsed the way the avro-maven-plugin parses them: the
 * {@code <imports>} listed in the module's pom.xml first, in that order, then every other file of
 * src/main/avro in one parser, so they may refer to the imported named types.
 *
 * @param avroDir the plugin's sourceDirectory
 * @param imports the pom's {@code <import>} files, in order
 */
public record SchemaSources(Path avroDir, List<Path> imports) {

  public SchemaSources {
    imports = List.copyOf(imports);
  }

  /** The sources of a module directory (the one holding pom.xml and src/main/avro). */
  public static SchemaSources ofModule(Path moduleDir) {
    Path dir = moduleDir.toAbsolutePath().normalize();
    return new SchemaSources(dir.resolve("src/main/avro"), importsFromPom(dir.resolve("pom.xml"), dir));
  }

  /** The top-level (not imported) schemas by record name, in file name order. */
  public Map<String, Schema> topLevel() {
    Schema.Parser parser = new Schema.Parser();
    for (Path file : imports) {
      parse(parser, file);
    }
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (Path file : topLevelFiles()) {
      Schema schema = parse(parser, file);
      Schema clash = schemas.put(schema.getName(), schema);
      if (clash != null) {
        throw new IllegalStateException("Two top-level schemas are named " + schema.getName() + " (" + file + ")");
      }
    }
    return schemas;
  }

  private List<Path> topLevelFiles() {
    List<Path> normalizedImports = imports.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    try (Stream<Path> files = Files.walk(avroDir)) {
      return files.filter(f -> f.toString().endsWith(".avsc"))
          .map(f -> f.toAbsolutePath().normalize())
          .filter(f -> !normalizedImports.contains(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + avroDir, e);
    }
  }

  private static Schema parse(Schema.Parser parser, Path file) {
    try {
      return parser.parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  /** The avro-maven-plugin's {@code <import>} entries, with {@code ${project.basedir}} resolved. */
  static List<Path> importsFromPom(Path pom, Path moduleDir) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(pom.toFile());
      NodeList nodes = document.getElementsByTagName("import");
      List<Path> imports = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        String text = nodes.item(i).getTextContent().trim()
            .replace("${project.basedir}", moduleDir.toString())
            .replace("${basedir}", moduleDir.toString());
        Path path = Path.of(text);
        imports.add(path.isAbsolute() ? path : moduleDir.resolve(path));
      }
      return imports;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the avro-maven-plugin imports from " + pom + ": " + e, e);
    }
  }
}
