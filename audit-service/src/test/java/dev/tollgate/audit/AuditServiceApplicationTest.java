package dev.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.audit.ingest.AuditIngestLoop;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole application wired against a real PostgreSQL and an unreachable broker: Flyway
 * migrates, the ingest loop starts, and health stays DOWN because the consumer cannot join its group.
 */
@SpringBootTest(properties = {
    "spring.kafka.bootstrap-servers=127.0.0.1:1",
    "spring.kafka.properties.schema.registry.url=mock://application-test",
    "logging.level.org.apache.kafka=ERROR"})
@AutoConfigureMockMvc
class AuditServiceApplicationTest {

  private static final EmbeddedPostgres POSTGRES = start();

  @Autowired
  MockMvc mvc;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  AuditIngestLoop ingest;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @AfterAll
  static void stop() throws IOException {
    POSTGRES.close();
  }

  @Test
  void migratesTheSchemaAndStartsTheIngest() {
    assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", String.class))
        .contains("audit_event", "unreadable_record", "consumer_offset");
    assertThat(ingest.isRunning()).isTrue();
  }

  @Test
  void healthIsDownUntilTheConsumerJoinsItsGroup() throws Exception {
    mvc.perform(get("/actuator/health"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.status").value("DOWN"))
        .andExpect(jsonPath("$.components.db.status").value("UP"))
        .andExpect(jsonPath("$.components.auditIngest.status").value("DOWN"));
  }

  @Test
  void servesOpenApiAndPrometheus() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/v1/deployments/{deploymentId}/timeline']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/models/{model}/versions/{version}/timeline']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/verify']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/unreadable']").exists())
        .andExpect(jsonPath("$.paths['/api/v1/keys']").exists());
    mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
  }

  @Test
  void anEmptyTrailVerifiesAndUnknownDeploymentsAre404() throws Exception {
    mvc.perform(get("/api/v1/verify").header("Authorization", "Bearer audrey-token"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid").value(true));
    mvc.perform(get("/api/v1/deployments/nope/timeline").header("Authorization", "Bearer audrey-token"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.status").value(404));
  }

  @Test
  void servesTheGeneratedSigningKeyKeptInTheDatabase() throws Exception {
    String keyId = jdbc.queryForObject("SELECT key_id FROM signing_key WHERE origin = 'generated'", String.class);

    mvc.perform(get("/api/v1/keys").header("Authorization", "Bearer audrey-token"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.activeKeyId").value(keyId))
        .andExpect(jsonPath("$.keys[0].keyId").value(keyId))
        .andExpect(jsonPath("$.keys[0].algorithm").value("Ed25519"))
        .andExpect(jsonPath("$.keys[0].publicKeyPem").value(org.hamcrest.Matchers.startsWith("-----BEGIN PUBLIC KEY-----")))
        .andExpect(jsonPath("$.keys[0].active").value(true));
  }

  @Test
  void theAuditApiNeedsAnAuditorToken() throws Exception {
    mvc.perform(get("/api/v1/keys"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.title").value("Unauthenticated"));
    mvc.perform(get("/api/v1/keys").header("Authorization", "Bearer olivia-token"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/v1/keys").header("Authorization", "Bearer admin-token"))
        .andExpect(status().isOk());
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
