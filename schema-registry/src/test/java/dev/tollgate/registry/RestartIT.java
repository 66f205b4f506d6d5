package dev.tollgate.registry;

import static dev.tollgate.registry.RegistryHttp.schemaBody;
import static dev.tollgate.registry.store.TestSchemas.AMOUNT_WITH_DEFAULT;
import static dev.tollgate.registry.store.TestSchemas.ID;
import static dev.tollgate.registry.store.TestSchemas.NOTE;
import static dev.tollgate.registry.store.TestSchemas.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ids, versions, deletes and settings live in the topic: a new registry on the same topic answers the same. */
@ExtendWith(KafkaBroker.class)
class RestartIT {

  @Test
  void stateSurvivesARestartOnTheSameTopic() {
    RegistryConfig config = new RegistryConfig(KafkaBroker.bootstrapServers(), "127.0.0.1", 0,
        "_schemas-restart-" + UUID.randomUUID(), Duration.ofSeconds(60));
    String orders;
    String payments;
    String firstPaymentsVersion;
    try (SchemaRegistryServer first = SchemaRegistryServer.start(config)) {
      RegistryHttp http = new RegistryHttp(first.url());
      assertThat(http.post("/subjects/orders-value/versions", schemaBody(payment(ID))).body()).isEqualTo("{\"id\":1}");
      assertThat(http.post("/subjects/orders-value/versions", schemaBody(payment(ID, AMOUNT_WITH_DEFAULT))).body())
          .isEqualTo("{\"id\":2}");
      assertThat(http.post("/subjects/payments-value/versions", schemaBody(payment(ID))).body()).isEqualTo("{\"id\":1}");
      http.put("/config", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
      http.put("/config/orders-value", "{\"compatibility\":\"NONE\"}");
      http.delete("/subjects/payments-value");
      orders = http.get("/subjects/orders-value/versions/2").body();
      payments = http.get("/subjects/payments-value/versions?deleted=true").body();
      firstPaymentsVersion = http.get("/subjects/payments-value/versions/1?deleted=true").body();
    }

    try (SchemaRegistryServer second = SchemaRegistryServer.start(config)) {
      RegistryHttp http = new RegistryHttp(second.url());
      assertThat(http.get("/subjects/orders-value/versions/2").body()).isEqualTo(orders);
      assertThat(http.get("/subjects/orders-value/versions").body()).isEqualTo("[1,2]");
      assertThat(http.get("/subjects").body()).isEqualTo("[\"orders-value\"]");
      assertThat(http.get("/subjects/payments-value/versions?deleted=true").body()).isEqualTo(payments);
      assertThat(http.get("/subjects/payments-value/versions/1?deleted=true").body()).isEqualTo(firstPaymentsVersion);
      assertThat(http.get("/schemas/ids/1").json().get("schema").asText()).contains("Payment");
      assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
      assertThat(http.get("/config/orders-value").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");

      // numbering continues where the first instance stopped
      assertThat(http.post("/subjects/orders-value/versions", schemaBody(payment(ID, NOTE))).body())
          .isEqualTo("{\"id\":3}");
      assertThat(http.get("/subjects/orders-value/versions/latest").json().get("version").asInt()).isEqualTo(3);
      assertThat(http.post("/subjects/payments-value/versions", schemaBody(payment(ID))).body()).isEqualTo("{\"id\":1}");
      assertThat(http.get("/subjects/payments-value/versions").body()).isEqualTo("[2]");
    }
  }
}
