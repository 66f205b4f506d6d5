package dev.tollgate.localstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.localstack.services.TollgateService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackOptionsTest {

  @Test
  void defaultsAreFixedPortsEverythingEmbeddedDataInDotTollgate() {
    LocalStackOptions options = LocalStackOptions.parse();

    assertThat(options.dataDir()).isEqualTo(Path.of(".tollgate").toAbsolutePath().normalize());
    assertThat(options.home()).isEqualTo(Path.of("").toAbsolutePath());
    assertThat(options.autoPorts()).isFalse();
    assertThat(options.clean()).isFalse();
    assertThat(options.infraOnly()).isFalse();
    assertThat(options.exitWithParent()).isFalse();
    assertThat(options.externalKafka()).isFalse();
    assertThat(options.externalRegistry()).isFalse();
    assertThat(options.externalPostgres()).isFalse();
    assertThat(options.serviceJvmOpts()).isEmpty();
    assertThat(options.simulator()).isTrue();
    assertThat(options.simSampleInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.testClock()).as("the real clock unless a test asks").isFalse();
    assertThat(options.rolloutInstances()).isEqualTo(1);
    assertThat(options.services()).containsExactlyInAnyOrder(TollgateService.APPROVAL, TollgateService.ROLLOUT,
        TollgateService.AUDIT);
    assertThat(options.help()).isFalse();
  }

  @Test
  void startsOnlyTheServicesNamed() {
    assertThat(LocalStackOptions.parse("--services", "audit-service").services()).containsExactly(TollgateService.AUDIT);
    assertThat(LocalStackOptions.parse("--services= audit-service, rollout-service").services())
        .containsExactlyInAnyOrder(TollgateService.AUDIT, TollgateService.ROLLOUT);
    assertThatThrownBy(() -> LocalStackOptions.parse("--services", "audit"))
        .hasMessage("--services takes a comma-separated list of approval-service, rollout-service, audit-service;"
            + " 'audit' is not one of them");
    assertThatThrownBy(() -> LocalStackOptions.parse("--services", "audit-service,audit-service"))
        .hasMessage("--services names audit-service twice");
  }

  @Test
  void runsOneToThreeRolloutInstances() {
    assertThat(LocalStackOptions.parse("--rollout-instances", "2").rolloutInstances()).isEqualTo(2);
    assertThat(LocalStackOptions.parse("--rollout-instances=3").rolloutInstances()).isEqualTo(3);
    assertThatThrownBy(() -> LocalStackOptions.parse("--rollout-instances", "two"))
        .hasMessage("--rollout-instances must be a number, not 'two'");
    assertThatThrownBy(() -> LocalStackOptions.parse("--rollout-instances", "4"))
        .hasMessage("--rollout-instances must be between 1 and 3 (the lifecycle topics have 3 partitions), not 4");
    assertThatThrownBy(() -> LocalStackOptions.parse("--rollout-instances", "0"))
        .hasMessageContaining("not 0");
  }

  @Test
  void simulatorCanBeTurnedOffOrSampleFaster() {
    assertThat(LocalStackOptions.parse("--no-simulator").simulator()).isFalse();
    assertThat(LocalStackOptions.parse("--sim-sample-interval", "250ms").simSampleInterval())
        .isEqualTo(Duration.ofMillis(250));
    assertThat(LocalStackOptions.parse("--sim-sample-interval=2s").simSampleInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(LocalStackOptions.parse("--sim-sample-interval", "1.5s").simSampleInterval())
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(LocalStackOptions.parse("--sim-sample-interval", "750").simSampleInterval())
        .isEqualTo(Duration.ofMillis(750));
    assertThatThrownBy(() -> LocalStackOptions.parse("--sim-sample-interval", "fast"))
        .hasMessage("--sim-sample-interval must look like 500ms, 2s or 500, not 'fast'");
    assertThatThrownBy(() -> LocalStackOptions.parse("--sim-sample-interval", "5ms"))
        .hasMessage("--sim-sample-interval must be at least 10 ms, not '5ms'");
    assertThatThrownBy(() -> LocalStackOptions.parse("--no-simulator=yes"))
        .hasMessage("--no-simulator takes no value");
  }

  @Test
  void readsEveryOptionInBothSpellings() {
    LocalStackOptions options = LocalStackOptions.parse(
        "--data-dir", "/tmp/x/../stack", "--clean", "--ports=auto", "--infra-only", "--home=/repo",
        "--exit-with-parent", "--kafka-bootstrap", "kafka:9092", "--registry-url=http://registry:8081/",
        "--postgres-url", "jdbc:postgresql://db:5433", "--service-jvm-opts", "-Xmx512m  -Dfoo=bar");

    assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/stack"));
    assertThat(options.clean()).isTrue();
    assertThat(options.autoPorts()).isTrue();
    assertThat(options.infraOnly()).isTrue();
    assertThat(options.home()).isEqualTo(Path.of("/repo"));
    assertThat(options.exitWithParent()).isTrue();
    assertThat(options.kafkaBootstrap()).isEqualTo("kafka:9092");
    assertThat(options.registryUrl()).isEqualTo("http://registry:8081");
    assertThat(options.postgres()).isEqualTo(new HostPort("db", 5433));
    assertThat(options.serviceJvmOpts()).containsExactly("-Xmx512m", "-Dfoo=bar");
  }

  @Test
  void portsFixedIsAcceptedExplicitly() {
    assertThat(LocalStackOptions.parse("--ports", "FIXED").autoPorts()).isFalse();
  }

  @Test
  void theTestClockIsAFlag() {
    assertThat(LocalStackOptions.parse("--test-clock").testClock()).isTrue();
    assertThatThrownBy(() -> LocalStackOptions.parse("--test-clock=yes")).hasMessage("--test-clock takes no value");
  }

  @Test
  void thePolicyFileMustBeAReadableYamlFile(@TempDir Path dir) throws IOException {
    Path policies = Files.writeString(dir.resolve("policies.yml"), "tollgate:\n  policies: {}\n");

    assertThat(LocalStackOptions.parse("--policies", policies.toString()).policies()).isEqualTo(policies);
    assertThat(LocalStackOptions.parse().policies()).isNull();
    assertThatThrownBy(() -> LocalStackOptions.parse("--policies", dir.resolve("missing.yaml").toString()))
        .isInstanceOf(InvalidOptionsException.class)
        .hasMessage("--policies: no readable file at " + dir.resolve("missing.yaml"));
    assertThatThrownBy(() -> LocalStackOptions.parse("--policies", dir.toString()))
        .hasMessageContaining("must name a .yml or .yaml file");
    Path properties = Files.writeString(dir.resolve("policies.properties"), "a=b\n");
    assertThatThrownBy(() -> LocalStackOptions.parse("--policies=" + properties))
        .hasMessageContaining("must name a .yml or .yaml file");
  }

  @Test
  void helpInEitherSpelling() {
    assertThat(LocalStackOptions.parse("--help").help()).isTrue();
    assertThat(LocalStackOptions.parse("-h").help()).isTrue();
    assertThat(LocalStackOptions.usage()).contains("--data-dir", "--clean", "--ports", "--infra-only", "--home",
        "--exit-with-parent", "--kafka-bootstrap", "--registry-url", "--postgres-url", "--service-jvm-opts",
        "--no-simulator", "--sim-sample-interval", "--test-clock", "--policies");
  }

  @Test
  void rejectsUnknownRepeatedAndValuelessOptions() {
    assertThatThrownBy(() -> LocalStackOptions.parse("--verbose"))
        .isInstanceOf(InvalidOptionsException.class).hasMessage("unknown option '--verbose'");
    assertThatThrownBy(() -> LocalStackOptions.parse("stray"))
        .isInstanceOf(InvalidOptionsException.class).hasMessageContaining("'stray'");
    assertThatThrownBy(() -> LocalStackOptions.parse("--clean", "--clean"))
        .hasMessage("--clean given more than once");
    assertThatThrownBy(() -> LocalStackOptions.parse("--data-dir=a", "--data-dir", "b"))
        .hasMessage("--data-dir given more than once");
    assertThatThrownBy(() -> LocalStackOptions.parse("--data-dir"))
        .hasMessage("--data-dir needs a value");
    assertThatThrownBy(() -> LocalStackOptions.parse("--home", " "))
        .hasMessage("--home needs a non-empty value");
    assertThatThrownBy(() -> LocalStackOptions.parse("--clean=yes"))
        .hasMessage("--clean takes no value");
  }

  @Test
  void portsMustBeAutoOrFixed() {
    assertThatThrownBy(() -> LocalStackOptions.parse("--ports", "random"))
        .hasMessage("--ports must be 'auto' or 'fixed', not 'random'");
  }

  @Test
  void kafkaBootstrapNeedsHostAndValidPortForEveryServer() {
    assertThat(LocalStackOptions.parse("--kafka-bootstrap", "a:1, b:65535").kafkaBootstrap()).isEqualTo("a:1,b:65535");
    assertThat(LocalStackOptions.parse("--kafka-bootstrap", "[::1]:9092").kafkaBootstrap()).isEqualTo("[::1]:9092");
    assertThatThrownBy(() -> LocalStackOptions.parse("--kafka-bootstrap", "kafka"))
        .hasMessage("--kafka-bootstrap needs HOST:PORT, not 'kafka'");
    assertThatThrownBy(() -> LocalStackOptions.parse("--kafka-bootstrap", "kafka:0"))
        .hasMessageContaining("invalid port '0'");
    assertThatThrownBy(() -> LocalStackOptions.parse("--kafka-bootstrap", "kafka:x"))
        .hasMessageContaining("invalid port 'x'");
    assertThatThrownBy(() -> LocalStackOptions.parse("--kafka-bootstrap", ":9092"))
        .hasMessageContaining("needs a host");
  }

  @Test
  void registryUrlMustBeHttpWithHost() {
    assertThat(LocalStackOptions.parse("--registry-url", "https://r.example:8081//").registryUrl())
        .isEqualTo("https://r.example:8081");
    assertThatThrownBy(() -> LocalStackOptions.parse("--registry-url", "ftp://r:1"))
        .hasMessageContaining("must look like http://HOST:PORT");
    assertThatThrownBy(() -> LocalStackOptions.parse("--registry-url", "localhost:8081"))
        .hasMessageContaining("must look like http://HOST:PORT");
    assertThatThrownBy(() -> LocalStackOptions.parse("--registry-url", "http://bad host"))
        .hasMessageContaining("is not a URL");
  }

  @Test
  void postgresUrlIsAServerWithoutDatabase() {
    assertThat(LocalStackOptions.parse("--postgres-url", "jdbc:postgresql://db/").postgres())
        .isEqualTo(new HostPort("db", 5432));
    assertThatThrownBy(() -> LocalStackOptions.parse("--postgres-url", "jdbc:postgresql://db:5432/approval"))
        .hasMessageContaining("takes no database");
    assertThatThrownBy(() -> LocalStackOptions.parse("--postgres-url", "postgres://db:5432"))
        .hasMessageContaining("must look like jdbc:postgresql://HOST:PORT");
    assertThatThrownBy(() -> LocalStackOptions.parse("--postgres-url", "jdbc:postgresql://db:99999"))
        .hasMessageContaining("invalid port '99999'");
  }

  @Test
  void serviceJvmOptsKeepQuotedValuesTogether() {
    assertThat(LocalStackOptions.parse("--service-jvm-opts", "-Da='x y' \"-Db=1 2\" -ea").serviceJvmOpts())
        .containsExactly("-Da=x y", "-Db=1 2", "-ea");
    assertThat(LocalStackOptions.parse("--service-jvm-opts", "").serviceJvmOpts()).isEmpty();
    assertThatThrownBy(() -> LocalStackOptions.parse("--service-jvm-opts", "-Da='x"))
        .hasMessageContaining("unclosed quote");
    assertThatThrownBy(() -> LocalStackOptions.parse("--service-jvm-opts", "-Xmx1g app.jar"))
        .hasMessageContaining("not 'app.jar'");
  }
}
