package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.events.ArtifactSource;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.StrategyKind;
import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.KafkaProbe;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.StackEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every service's consumer meets records it cannot read: each goes to that service's dead-letter
 * topic with the reason, and the good record behind it is still processed.
 */
@ExtendWith(LocalStackExtension.class)
class DeadLetterIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final JsonHttp http = new JsonHttp();

  @Test
  void unreadableRecordsAreDeadLetteredAndTheConsumersGoOn(StackEndpoints stack) {
    KafkaProbe kafka = new KafkaProbe(stack);
    String model = DeploymentRequests.uniqueModel("dlt-model");
    byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
    byte[] unknownSchemaId = {0, 0x7f, 0x7f, 0x7f, 0x7e, 2, 4, 6};

    // read by approval-service and audit-service
    RecordMetadata garbageRequest = kafka.sendRaw(Topics.DEPLOYMENT_REQUESTS, model, garbage);
    // read by rollout-service and audit-service
    RecordMetadata unknownApproval = kafka.sendRaw(Topics.APPROVALS, model, unknownSchemaId);
    // read by rollout-service's health ingest, before the samples of the rollout below
    RecordMetadata garbageSample = kafka.sendRaw(Topics.HEALTH_SAMPLES, model, garbage);

    // then a good request straight onto the topic, as CI may send it
    String deploymentId = UUID.randomUUID().toString();
    kafka.send(Topics.DEPLOYMENT_REQUESTS, model, ciRequest(deploymentId, model));

    Awaitility.await("approval-service took the good request").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> http.get(stack.approval().resolve("/api/v1/deployments/" + deploymentId), "ci-token").status() == 200);
    JsonHttp.Response approved = http.post(
        stack.approval().resolve("/api/v1/deployments/" + deploymentId + "/approve"), "alice-token", Map.of());
    assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
    Awaitility.await("rollout-service rolled out past the unreadable approval record").atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> "SUCCEEDED".equals(http.get(
            stack.rollout().resolve("/api/v1/models/" + model + "/versions/2.0.0/environments/staging"), null)
            .body().path("status").asText()));
    Awaitility.await("audit-service recorded the good request").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
        .until(() -> http.get(stack.audit().resolve("/api/v1/deployments/" + deploymentId + "/timeline"), "audrey-token")
            .body().path("events").toString().contains("DeploymentRequested"));

    assertDeadLettered(kafka, Topics.APPROVAL_SERVICE_DEAD_LETTERS, Topics.DEPLOYMENT_REQUESTS, garbageRequest, garbage, "wrong-magic-byte");
    assertDeadLettered(kafka, Topics.AUDIT_SERVICE_DEAD_LETTERS, Topics.DEPLOYMENT_REQUESTS, garbageRequest, garbage, "wrong-magic-byte");
    assertDeadLettered(kafka, Topics.ROLLOUT_SERVICE_DEAD_LETTERS, Topics.APPROVALS, unknownApproval, unknownSchemaId, "unknown-schema-id");
    assertDeadLettered(kafka, Topics.ROLLOUT_SERVICE_DEAD_LETTERS, Topics.HEALTH_SAMPLES, garbageSample, garbage, "wrong-magic-byte");
    assertDeadLettered(kafka, Topics.AUDIT_SERVICE_DEAD_LETTERS, Topics.APPROVALS, unknownApproval, unknownSchemaId, "unknown-schema-id");
  }

  private static void assertDeadLettered(KafkaProbe kafka, Topic<byte[], byte[]> deadLetters, Topic<String, ?> source,
      RecordMetadata at, byte[] originalValue, String reason) {
    AtomicReference<Optional<ConsumerRecord<byte[], byte[]>>> found = new AtomicReference<>(Optional.empty());
    Awaitility.await(deadLetters.name() + " holds " + source.name() + "@" + at.partition() + "/" + at.offset())
        .atMost(TIMEOUT).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          found.set(kafka.deadLetterOf(deadLetters, source.name(), at));
          return found.get().isPresent();
        });
    ConsumerRecord<byte[], byte[]> letter = found.get().orElseThrow();
    assertThat(letter.value()).as("the original bytes, untouched").isEqualTo(originalValue);
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON)).isEqualTo(reason);
    assertThat(DeadLetter.header(letter.headers(), DeadLetter.MESSAGE)).isNotBlank();
  }

  private static DeploymentRequestEvent ciRequest(String deploymentId, String model) {
    Envelope envelope = Envelope.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOccurredAt(Instant.now())
        .setActor("ci:pipeline")
        .setDeploymentId(deploymentId)
        .setModelName(model)
        .setModelVersion("2.0.0")
        .setEnvironment("staging")
        .build();
    DeploymentRequested requested = DeploymentRequested.newBuilder()
        .setArtifactDigest(DeploymentRequests.digest())
        .setSource(ArtifactSource.newBuilder().setGitCommit("abc1234").setCommitAuthor("erin").build())
        .setStrategy(RolloutStrategy.newBuilder().setKind(StrategyKind.CANARY)
            .setSteps(List.of(new SetWeightStep(50), new SetWeightStep(100))).build())
        .setProfile(DeploymentProfile.newBuilder().setInstanceType("ml.c6").setReplicas(1).setLocation("eu-central-1").build())
        .build();
    return DeploymentRequestEvent.newBuilder().setEnvelope(envelope).setPayload(requested).build();
  }
}
