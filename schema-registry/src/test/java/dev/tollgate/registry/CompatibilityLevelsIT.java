package dev.tollgate.registry;

import static dev.tollgate.registry.RegistryHttp.schemaBody;
import static dev.tollgate.registry.store.TestSchemas.AMOUNT;
import static dev.tollgate.registry.store.TestSchemas.AMOUNT_WITH_DEFAULT;
import static dev.tollgate.registry.store.TestSchemas.CURRENCY_WITH_DEFAULT;
import static dev.tollgate.registry.store.TestSchemas.ID;
import static dev.tollgate.registry.store.TestSchemas.ID_AS_INT;
import static dev.tollgate.registry.store.TestSchemas.NOTE;
import static dev.tollgate.registry.store.TestSchemas.payment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.registry.RegistryHttp.Answer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each compatibility level accepting one concrete evolution and refusing another, through the
 * compatibility endpoint and through registration. Transitive levels refuse a schema that fits the
 * latest version but not an earlier one, which their non-transitive twin accepts.
 */
@ExtendWith(KafkaBroker.class)
class CompatibilityLevelsIT {

  private static SchemaRegistryServer server;
  private static RegistryHttp http;

  @BeforeAll
  static void start() {
    server = SchemaRegistryServer.start(new RegistryConfig(KafkaBroker.bootstrapServers(), "127.0.0.1", 0,
        "_schemas-compat-" + UUID.randomUUID(), Duration.ofSeconds(60)));
    http = new RegistryHttp(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static final List<String> V1 = List.of(payment(ID, AMOUNT));
  /** amount gains a default: fine in every direction, but version 1 readers still need amount */
  private static final List<String> V1_V2 = List.of(payment(ID, AMOUNT), payment(ID, AMOUNT_WITH_DEFAULT));
  private static final List<String> ID_ONLY_THEN_DEFAULT = List.of(payment(ID), payment(ID, AMOUNT_WITH_DEFAULT));

  static Stream<Arguments> evolutions() {
    return Stream.of(
        Arguments.of("NONE", V1, payment(ID_AS_INT), true, "a type change passes when nothing is checked"),
        Arguments.of("BACKWARD", V1, payment(ID, AMOUNT, CURRENCY_WITH_DEFAULT), true, "field added with a default"),
        Arguments.of("BACKWARD", V1, payment(ID, AMOUNT, NOTE), false, "field added without a default"),
        Arguments.of("FORWARD", V1, payment(ID, AMOUNT, NOTE), true, "old readers skip the new field"),
        Arguments.of("FORWARD", V1, payment(ID), false, "old readers miss amount, which has no default"),
        Arguments.of("FULL", V1, payment(ID, AMOUNT, CURRENCY_WITH_DEFAULT), true, "field added with a default"),
        Arguments.of("FULL", V1, payment(ID, AMOUNT, NOTE), false, "field added without a default"),
        Arguments.of("BACKWARD", ID_ONLY_THEN_DEFAULT, payment(ID, AMOUNT), true, "reads the latest version"),
        Arguments.of("BACKWARD_TRANSITIVE", ID_ONLY_THEN_DEFAULT, payment(ID, AMOUNT_WITH_DEFAULT, CURRENCY_WITH_DEFAULT),
            true, "reads every version"),
        Arguments.of("BACKWARD_TRANSITIVE", ID_ONLY_THEN_DEFAULT, payment(ID, AMOUNT), false,
            "cannot read version 1, which lacks amount"),
        Arguments.of("FORWARD", V1_V2, payment(ID), true, "the latest reader has a default for amount"),
        Arguments.of("FORWARD_TRANSITIVE", V1_V2, payment(ID, AMOUNT_WITH_DEFAULT, NOTE), true,
            "every old reader skips the new field"),
        Arguments.of("FORWARD_TRANSITIVE", V1_V2, payment(ID), false, "version 1 readers need amount"),
        Arguments.of("FULL", V1_V2, payment(ID), true, "compatible both ways with the latest version"),
        Arguments.of("FULL_TRANSITIVE", V1_V2, payment(ID, AMOUNT_WITH_DEFAULT, CURRENCY_WITH_DEFAULT), true,
            "compatible both ways with every version"),
        Arguments.of("FULL_TRANSITIVE", V1_V2, payment(ID), false, "version 1 readers need amount"));
  }

  @ParameterizedTest(name = "{0}: {4}")
  @MethodSource("evolutions")
  void levelDecides(String level, List<String> history, String candidate, boolean accepted, String why) {
    String subject = "compat-" + UUID.randomUUID() + "-value";
    // build the history unchecked, then switch the subject to the level under test
    assertThat(http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
    history.forEach(schema ->
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(schema)).status()).isEqualTo(200));
    assertThat(http.put("/config/" + subject, "{\"compatibility\":\"" + level + "\"}").status()).isEqualTo(200);

    Answer check = http.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true", schemaBody(candidate));
    assertThat(check.json().get("is_compatible").asBoolean()).as(check.body()).isEqualTo(accepted);
    assertThat(check.json().get("messages").isEmpty()).isEqualTo(accepted);

    Answer registration = http.post("/subjects/" + subject + "/versions", schemaBody(candidate));
    if (accepted) {
      assertThat(registration.status()).as(registration.body()).isEqualTo(200);
      assertThat(http.get("/subjects/" + subject + "/versions/latest").json().get("version").asInt())
          .isEqualTo(history.size() + 1);
    } else {
      assertThat(registration.status()).isEqualTo(409);
      assertThat(registration.errorCode()).isEqualTo(409);
      assertThat(registration.json().get("message").asText()).contains(level);
    }
  }
}
