package dev.tollgate.registry;

import static dev.tollgate.registry.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.registry.RegistryHttp.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Registrations racing each other still get distinct ids and gap-free versions. */
@ExtendWith(KafkaBroker.class)
class ConcurrentRegistrationIT {

  private static final int CLIENTS = 8;
  private static final int SCHEMAS_PER_CLIENT = 4;

  @Test
  void concurrentRegistrationsOfDifferentSchemasGetDistinctIds() throws Exception {
    RegistryConfig config = new RegistryConfig(KafkaBroker.bootstrapServers(), "127.0.0.1", 0,
        "_schemas-concurrent-" + UUID.randomUUID(), Duration.ofSeconds(60));
    try (SchemaRegistryServer server = SchemaRegistryServer.start(config)) {
      RegistryHttp http = new RegistryHttp(server.url());
      // the schemas are unrelated records: this registry (its own topic) checks nothing
      assertThat(http.put("/config", "{\"compatibility\":\"NONE\"}").status()).isEqualTo(200);
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          String own = "client-" + c + "-value";
          Callable<List<Integer>> client = () -> {
            go.await();
            List<Integer> ids = new ArrayList<>();
            // half into one shared subject, half into the client's own
            for (int i = 0; i < SCHEMAS_PER_CLIENT; i++) {
              String subject = i % 2 == 0 ? "shared-value" : own;
              Answer answer = http.post("/subjects/" + subject + "/versions", schemaBody(UniqueSchemas.unique()));
              assertThat(answer.status()).as(answer.body()).isEqualTo(200);
              ids.add(answer.json().get("id").asInt());
            }
            return ids;
          };
          results.add(clients.submit(client));
        }
        go.countDown();
        List<Integer> ids = new ArrayList<>();
        for (Future<List<Integer>> result : results) {
          ids.addAll(result.get(60, TimeUnit.SECONDS));
        }

        assertThat(ids).hasSize(CLIENTS * SCHEMAS_PER_CLIENT).doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> assertThat(id).isBetween(1, CLIENTS * SCHEMAS_PER_CLIENT));
        int shared = CLIENTS * SCHEMAS_PER_CLIENT / 2;
        assertThat(http.get("/subjects/shared-value/versions").json()).hasSize(shared);
        assertThat(http.get("/subjects/shared-value/versions/latest").json().get("version").asInt()).isEqualTo(shared);
        for (int id : ids) {
          assertThat(http.get("/schemas/ids/" + id + "/versions").json()).hasSize(1);
        }
      } finally {
        clients.shutdownNow();
      }
    }
  }
}
