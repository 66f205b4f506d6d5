package dev.tollgate.system.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this checks what would break it: every
 * service names a broker, registry and database that the file defines, on the ports they listen
 * on, and every image tag is pinned.
 */
class DockerComposeFileTest {

  private static final List<String> TOLLGATE_SERVICES = List.of("approval-service", "rollout-service", "audit-service");
  private static final Pattern HOST_PORT = Pattern.compile("([a-z0-9-]+):(\\d+)");

  private static Path home;
  private static JsonNode services;

  @BeforeAll
  static void parse() throws IOException {
    home = Path.of(System.getProperty("tollgate.home", "..")).toAbsolutePath().normalize();
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(home.resolve("docker-compose.yml").toFile());
    services = compose.path("services");
    assertThat(services.isObject()).as("docker-compose.yml has a services section").isTrue();
  }

  @Test
  void everyImageTagIsPinned() {
    services.properties().forEach(service -> {
      String image = service.getValue().path("image").asText("");
      assertThat(image).as("service %s names an image", service.getKey()).isNotBlank();
      String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
      assertThat(tag).as("image of %s (%s) has a pinned tag", service.getKey(), image)
          .isNotBlank().isNotEqualToIgnoringCase("latest").doesNotContain("${");
    });
  }

  @Test
  void infrastructureIsTheOfficialImagesInKraftMode() {
    assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
    assertThat(env(services.path("kafka")).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    assertThat(services.path("schema-registry").path("image").asText()).startsWith("confluentinc/cp-schema-registry:");
    assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:");
  }

  @Test
  void ourImagesAreBuiltFromThisRepositoryAtTheProjectVersion() {
    String version = System.getProperty("tollgate.version");
    assertThat(Files.isRegularFile(home.resolve("Dockerfile"))).isTrue();
    for (String name : TOLLGATE_SERVICES) {
      JsonNode service = services.path(name);
      String module = service.path("build").path("args").path("MODULE").asText();
      assertThat(module).as("%s builds its own module", name).isEqualTo(name);
      assertThat(Files.isDirectory(home.resolve(module))).as("module %s exists", module).isTrue();
      assertThat(service.path("image").asText()).isEqualTo("tollgate/" + name + ":" + version);
    }
  }

  @Test
  void everyServiceNamesABrokerRegistryAndDatabaseTheFileDefines() {
    Map<String, String> kafkaListeners = listenerPorts(env(services.path("kafka")).get("KAFKA_LISTENERS"));
    String registryPort = URI.create(env(services.path("schema-registry")).get("SCHEMA_REGISTRY_LISTENERS")).getPort() + "";
    List<String> databases = databasesCreatedByInitScript();

    for (String name : TOLLGATE_SERVICES) {
      Map<String, String> args = arguments(services.path(name));
      assertHostPort(name, args.get("spring.kafka.bootstrap-servers"), "kafka", kafkaListeners.get("PLAINTEXT"));
      URI registry = URI.create(args.get("spring.kafka.properties.schema.registry.url"));
      assertHostPort(name, registry.getHost() + ":" + registry.getPort(), "schema-registry", registryPort);
      assertThat(dependsOn(services.path(name))).contains("schema-registry");
      if (args.containsKey("spring.datasource.url")) {
        URI jdbc = URI.create(args.get("spring.datasource.url").substring("jdbc:".length()));
        assertHostPort(name, jdbc.getHost() + ":" + jdbc.getPort(), "postgres", "5432");
        assertThat(databases).as("database of %s is created by the init script", name).contains(jdbc.getPath().substring(1));
        assertThat(dependsOn(services.path(name))).contains("postgres");
      }
    }
    assertThat(arguments(services.path("approval-service"))).containsKey("spring.datasource.url");
    assertThat(arguments(services.path("audit-service"))).containsKey("spring.datasource.url");
  }

  @Test
  void theProductionLikeStackNeverRunsOnTheTestClock() {
    for (String name : TOLLGATE_SERVICES) {
      assertThat(arguments(services.path(name))).as("%s's arguments", name)
          .doesNotContainKey("tollgate.dev.clock-control.enabled");
      assertThat(env(services.path(name)).keySet()).as("%s's environment", name)
          .noneMatch(key -> key.replace("_", "").equalsIgnoreCase("TOLLGATEDEVCLOCKCONTROLENABLED"));
    }
  }

  @Test
  void theRegistryStoresSchemasOnTheDefinedBroker() {
    String bootstrap = env(services.path("schema-registry")).get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS");
    assertHostPort("schema-registry", bootstrap.replace("PLAINTEXT://", ""), "kafka",
        listenerPorts(env(services.path("kafka")).get("KAFKA_LISTENERS")).get("PLAINTEXT"));
  }

  private static void assertHostPort(String who, String hostPort, String expectedService, String expectedPort) {
    assertThat(hostPort).as("%s names a host:port", who).isNotNull();
    Matcher m = HOST_PORT.matcher(hostPort);
    assertThat(m.matches()).as("%s: %s is host:port", who, hostPort).isTrue();
    assertThat(services.has(m.group(1))).as("%s names host %s, which the file defines", who, m.group(1)).isTrue();
    assertThat(m.group(1)).as("%s talks to %s", who, expectedService).isEqualTo(expectedService);
    assertThat(m.group(2)).as("%s uses the port %s listens on", who, expectedService).isEqualTo(expectedPort);
  }

  private static Map<String, String> env(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    service.path("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    return env;
  }

  private static Map<String, String> arguments(JsonNode service) {
    Map<String, String> args = new LinkedHashMap<>();
    service.path("command").forEach(arg -> {
      String text = arg.asText();
      if (text.startsWith("--") && text.contains("=")) {
        args.put(text.substring(2, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
      }
    });
    return args;
  }

  private static List<String> dependsOn(JsonNode service) {
    List<String> names = new ArrayList<>();
    JsonNode dependsOn = service.path("depends_on");
    if (dependsOn.isArray()) {
      dependsOn.forEach(n -> names.add(n.asText()));
    } else {
      dependsOn.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  /** {@code PLAINTEXT://:9092,CONTROLLER://:9093} → {PLAINTEXT=9092, CONTROLLER=9093}. */
  private static Map<String, String> listenerPorts(String listeners) {
    Map<String, String> ports = new LinkedHashMap<>();
    for (String listener : listeners.split(",")) {
      String name = listener.substring(0, listener.indexOf("://"));
      ports.put(name, listener.substring(listener.lastIndexOf(':') + 1));
    }
    return ports;
  }

  private static List<String> databasesCreatedByInitScript() {
    JsonNode volumes = services.path("postgres").path("volumes");
    List<String> databases = new ArrayList<>();
    volumes.forEach(v -> {
      String mount = v.asText();
      if (mount.contains("docker-entrypoint-initdb.d")) {
        try {
          String sql = Files.readString(home.resolve(mount.substring(0, mount.indexOf(':')).replaceFirst("^\\./", "")));
          Matcher m = Pattern.compile("CREATE DATABASE (\\w+)", Pattern.CASE_INSENSITIVE).matcher(sql);
          while (m.find()) {
            databases.add(m.group(1));
          }
        } catch (IOException e) {
          throw new AssertionError("init script of postgres not readable: " + mount, e);
        }
      }
    });
    return databases;
  }
}
