package dev.tollgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackDescriptorTest {

  private static StackDescriptor sample() {
    Map<String, StackDescriptor.Service> services = new LinkedHashMap<>();
    services.put("approval-service", new StackDescriptor.Service("http://127.0.0.1:18181", 101));
    services.put("rollout-service", new StackDescriptor.Service("http://127.0.0.1:18182", 102));
    services.put("audit-service", new StackDescriptor.Service("http://127.0.0.1:18183", 103));
    Map<String, String> jdbc = new LinkedHashMap<>();
    jdbc.put("approval", "jdbc:postgresql://127.0.0.1:15432/approval");
    jdbc.put("audit", "jdbc:postgresql://127.0.0.1:15432/audit");
    return new StackDescriptor("127.0.0.1:19092", "http://127.0.0.1:18081",
        new StackDescriptor.Postgres("127.0.0.1", 15432, "postgres", "postgres", jdbc), services,
        new StackDescriptor.Simulator("http://127.0.0.1:18184"), 42, 23.456);
  }

  @Test
  void jsonHasTheDocumentedShapeAndOrder() throws Exception {
    JsonNode json = new ObjectMapper().readTree(sample().toJson());

    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("kafka", "registry", "postgres", "services", "simulator", "launcherPid",
        "readySeconds");
    assertThat(json.path("kafka").asText()).isEqualTo("127.0.0.1:19092");
    assertThat(json.path("registry").asText()).isEqualTo("http://127.0.0.1:18081");
    assertThat(json.at("/postgres/host").asText()).isEqualTo("127.0.0.1");
    assertThat(json.at("/postgres/port").asInt()).isEqualTo(15432);
    assertThat(json.at("/postgres/user").asText()).isEqualTo("postgres");
    assertThat(json.at("/postgres/password").asText()).isEqualTo("postgres");
    assertThat(json.at("/postgres/jdbcUrls/audit").asText()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/audit");
    assertThat(json.at("/services/rollout-service/url").asText()).isEqualTo("http://127.0.0.1:18182");
    assertThat(json.at("/services/rollout-service/pid").asLong()).isEqualTo(102);
    assertThat(json.at("/simulator/url").asText()).isEqualTo("http://127.0.0.1:18184");
    assertThat(json.path("launcherPid").asLong()).isEqualTo(42);
    assertThat(json.path("readySeconds").asDouble()).isEqualTo(23.5);
  }

  @Test
  void readsBackWhatItWrites(@TempDir Path dir) {
    Path file = dir.resolve(StackDescriptor.FILE_NAME);

    sample().writeAtomically(file);

    assertThat(StackDescriptor.read(file)).isEqualTo(sample());
    assertThat(dir.toFile().list()).containsExactly(StackDescriptor.FILE_NAME);
  }

  @Test
  void replacesAnOlderFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(StackDescriptor.FILE_NAME);
    Files.writeString(file, "{\"kafka\": \"old\"}");

    sample().writeAtomically(file);

    assertThat(StackDescriptor.read(file).kafka()).isEqualTo("127.0.0.1:19092");
  }

  @Test
  void infraOnlyStackHasNoServices() throws Exception {
    StackDescriptor infraOnly = new StackDescriptor("k:1", "http://r:2", sample().postgres(), Map.of(), null, 7, 3.04);

    JsonNode json = new ObjectMapper().readTree(infraOnly.toJson());

    assertThat(json.path("services").isObject()).isTrue();
    assertThat(json.path("services").size()).isZero();
    assertThat(json.path("readySeconds").asDouble()).isEqualTo(3.0);
    assertThat(json.has("simulator")).as("no simulator, no member").isFalse();
    assertThat(StackDescriptor.fromJson(infraOnly.toJson())).isEqualTo(infraOnly);
  }
}
