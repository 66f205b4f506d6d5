package dev.tollgate.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchemaRegistryMainTest {

  @Test
  void defaultsMatchTheLocalStack() {
    RegistryConfig config = SchemaRegistryMain.parse(new String[0]);

    assertThat(config).isEqualTo(new RegistryConfig("127.0.0.1:19092", "127.0.0.1", 18081, "_schemas",
        Duration.ofSeconds(60)));
  }

  @Test
  void readsBothOptionSpellings() {
    RegistryConfig config = SchemaRegistryMain.parse(
        new String[] {"--bootstrap-servers=b:9092", "--port", "0", "--topic=_tollgate_schemas"});

    assertThat(config.bootstrapServers()).isEqualTo("b:9092");
    assertThat(config.port()).isZero();
    assertThat(config.topic()).isEqualTo("_tollgate_schemas");
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> SchemaRegistryMain.parse(new String[] {"--prot=1"})).hasMessageContaining("--prot");
    assertThatThrownBy(() -> SchemaRegistryMain.parse(new String[] {"--port=x"})).hasMessageContaining("number");
    assertThatThrownBy(() -> SchemaRegistryMain.parse(new String[] {"--topic"})).hasMessageContaining("value");
  }

  @Test
  void configOfUsesConfluentDefaults() {
    assertThat(RegistryConfig.of("k:1", 0))
        .isEqualTo(new RegistryConfig("k:1", "127.0.0.1", 0, "_schemas", Duration.ofSeconds(60)));
  }
}
