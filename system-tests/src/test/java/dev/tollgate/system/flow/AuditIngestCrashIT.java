package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.schemas.topic.Topics;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.ServiceCrash;
import dev.tollgate.system.stack.StackEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * audit-service killed (SIGKILL) while it ingests a stream of events resumes from the offsets it
 * committed with its rows: every event is in the trail exactly once and the chains verify.
 */
@ExtendWith(LocalStackExtension.class)
class AuditIngestCrashIT {

  private static final int EVENTS = 4000;

  @Test
  void killedMidIngestItResumesWithNoDuplicateAndNoGap(StackEndpoints stack) throws Exception {
    String model = DeploymentRequests.uniqueModel("audit-crash");
    CompletableFuture<Void> produced = CompletableFuture.runAsync(() -> produceAcks(stack, model));

    try (Connection db = DriverManager.getConnection(stack.jdbcUrl("audit"), "postgres", "postgres")) {
      Awaitility.await("ingest under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> count(db, model, false) > 0);
      ServiceCrash.killAndAwaitRestart(stack, "audit-service", stack.audit());
      produced.get();

      Awaitility.await("every event ingested").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .until(() -> count(db, model, false) >= EVENTS);
      assertThat(count(db, model, false)).as("rows").isEqualTo(EVENTS);
      assertThat(count(db, model, true)).as("distinct event ids").isEqualTo(EVENTS);
      assertThat(distinctCommandIds(db, model)).as("every one of the acks we sent, cmd-0 .. cmd-" + (EVENTS - 1))
          .isEqualTo(EVENTS);
    }
    JsonHttp.Response verify = new JsonHttp().get(stack.audit().resolve("/api/v1/verify"), "audrey-token");
    assertThat(verify.body().path("valid").asBoolean()).as(verify.body().toString()).isTrue();
  }

  /** TrafficAcks for a model nobody rolls out: rollout-service ignores them, audit-service records them. */
  private static void produceAcks(StackEndpoints stack, String model) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        "schema.registry.url", stack.registryUrl());
    try (KafkaProducer<String, TrafficAck> producer = new KafkaProducer<>(config, new StringSerializer(),
        Topics.TRAFFIC_ACKS.valueSerde(config).serializer())) {
      for (int i = 0; i < EVENTS; i++) {
        Envelope envelope = Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
            .setActor("system:serving-test").setDeploymentId("crash-test").setModelName(model).setModelVersion("1.0.0")
            .setEnvironment("staging").build();
        TrafficAck ack = TrafficAck.newBuilder().setEnvelope(envelope).setCommandId("cmd-" + i).setApplied(true)
            .setWeights(List.of(new VersionWeight("1.0.0", 100))).build();
        producer.send(new ProducerRecord<>(Topics.TRAFFIC_ACKS.name(), model, ack));
        if (i % 200 == 0) {
          producer.flush(); // spread the stream over time, so the kill lands mid-ingest
        }
      }
      producer.flush();
    }
  }

  private static long count(Connection db, String model, boolean distinctEvents) throws SQLException {
    String sql = distinctEvents
        ? "SELECT count(DISTINCT event_id) FROM audit_event WHERE model_name = ?"
        : "SELECT count(*) FROM audit_event WHERE model_name = ?";
    try (PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, model);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static long distinctCommandIds(Connection db, String model) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(
        "SELECT count(DISTINCT payload->>'commandId') FROM audit_event WHERE model_name = ?")) {
      query.setString(1, model);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
