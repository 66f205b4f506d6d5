package dev.tollgate.approval.deployment.intake;

import static dev.tollgate.approval.support.Fixtures.ENVIRONMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.tollgate.approval.deployment.DeploymentDecisions;
import dev.tollgate.approval.deployment.DeploymentIntake;
import dev.tollgate.approval.deployment.UnknownEnvironmentException;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.deployment.domain.RolloutStrategy;
import dev.tollgate.approval.deployment.domain.Step;
import dev.tollgate.approval.deployment.domain.StrategyKind;
import dev.tollgate.approval.events.AvroValues;
import dev.tollgate.approval.support.Fixtures;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.Envelope;
import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.serde.AvroDeserializer;
import dev.tollgate.schemas.topic.Topics;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** Poison and invalid records go to the dead-letter topic with their original bytes and a reason. */
class DeadLetteringTest {

  final String topic = Topics.DEPLOYMENT_REQUESTS.name();
  final Map<String, String> config = Map.of("schema.registry.url", "mock://dlt-" + UUID.randomUUID());
  final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  final DeadLetterPublisher deadLetters = new DeadLetterPublisher(new KafkaTemplate<>(() -> producer),
      Topics.APPROVAL_SERVICE_DEAD_LETTERS, "approval-service", Clock.systemUTC(), Duration.ofSeconds(5));

  /** What the container does: the value deserializer, as configured in IntakeConfiguration. */
  ErrorHandlingDeserializer<DeploymentRequestEvent> valueDeserializer() {
    var deserializer = new ErrorHandlingDeserializer<>(new OriginalBytesDeserializer<>(
        new AvroDeserializer<>(DeploymentRequestEvent.class)));
    deserializer.configure(config, false);
    return deserializer;
  }

  ConsumerRecord<String, DeploymentRequestEvent> consumed(byte[] bytes) {
    var headers = new RecordHeaders();
    DeploymentRequestEvent value = valueDeserializer().deserialize(topic, headers, bytes);
    return new ConsumerRecord<>(topic, 2, 41L, 0L, TimestampType.CREATE_TIME, 0, bytes.length, "fraud-detector",
        value, headers, java.util.Optional.empty());
  }

  @Test
  void garbageBytesAreDeadLetteredAsTheyArrived() {
    byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
    var record = consumed(garbage);
    assertThat(record.value()).isNull();

    // the container turns the header back into the exception and hands it to the recoverer
    DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
    deadLetters.accept(record, new ListenerExecutionFailedException("failed", failure));

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo(Topics.APPROVAL_SERVICE_DEAD_LETTERS.name());
    assertThat(sent.value()).isEqualTo(garbage);
    assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("fraud-detector");
    assertThat(DeadLetter.header(sent.headers(), DeadLetter.REASON)).isEqualTo("wrong-magic-byte");
    assertThat(DeadLetter.header(sent.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(topic);
    assertThat(DeadLetter.header(sent.headers(), DeadLetter.SOURCE_PARTITION)).isEqualTo("2");
    assertThat(DeadLetter.header(sent.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("41");
    assertThat(DeadLetter.header(sent.headers(), DeadLetter.CONSUMER)).isEqualTo("approval-service");
  }

  @Test
  void unknownSchemaIdsAreDeadLettered() {
    byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 2, 4};
    var record = consumed(unknownId);
    DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);

    deadLetters.accept(record, failure);

    assertThat(DeadLetter.header(producer.history().get(0).headers(), DeadLetter.REASON))
        .isEqualTo("unknown-schema-id");
    assertThat(producer.history().get(0).value()).isEqualTo(unknownId);
  }

  @Test
  void readableButInvalidRequestsAreRejectedAndDeadLetteredWithTheirOriginalBytes() {
    byte[] bytes;
    try (var serde = Topics.DEPLOYMENT_REQUESTS.valueSerde(config)) {
      bytes = serde.serializer().serialize(topic, requestEvent("sha256:not-hex"));
    }
    var record = consumed(bytes);
    assertThat(record.value()).isNotNull();
    var listener = new DeploymentRequestListener(mock(DeploymentIntake.class), mock(DeploymentDecisions.class),
        Validation.buildDefaultValidatorFactory().getValidator());

    assertThatThrownBy(() -> listener.onMessage(record))
        .isInstanceOfSatisfying(RejectedRecordException.class, e -> {
          assertThat(e.reason()).isEqualTo("validation");
          assertThat(e.getMessage()).contains("artifactDigest");
          deadLetters.accept(record, new ListenerExecutionFailedException("failed", e));
        });

    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.value()).isEqualTo(bytes);
    assertThat(DeadLetter.header(sent.headers(), DeadLetter.REASON)).isEqualTo("validation");
    assertThat(DeadLetter.header(sent.headers(), DeadLetter.MESSAGE)).contains("artifactDigest");
  }

  @Test
  void aStrategyRolloutServiceWouldRefuseIsDeadLetteredNamingTheStep() {
    // readable, well-formed, each value in range: only the strategy rules see the blue-green step in a canary
    var strategy = new RolloutStrategy(StrategyKind.CANARY, List.of(new Step.SetWeight(20), new Step.Switch()));
    byte[] bytes;
    try (var serde = Topics.DEPLOYMENT_REQUESTS.valueSerde(config)) {
      bytes = serde.serializer().serialize(topic, requestEvent(Fixtures.DIGEST, strategy));
    }
    var record = consumed(bytes);
    DeploymentIntake intake = mock(DeploymentIntake.class);
    var listener = new DeploymentRequestListener(intake, mock(DeploymentDecisions.class),
        Validation.buildDefaultValidatorFactory().getValidator());

    assertThatThrownBy(() -> listener.onMessage(record))
        .isInstanceOfSatisfying(RejectedRecordException.class, e -> {
          assertThat(e.reason()).isEqualTo("validation");
          assertThat(e.getMessage())
              .isEqualTo("invalid strategy: step 1 (switch): belongs to a BLUE_GREEN strategy, not CANARY");
          deadLetters.accept(record, new ListenerExecutionFailedException("failed", e));
        });

    verify(intake, never()).submit(any(), any(), any(), any());
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.value()).isEqualTo(bytes);
    assertThat(DeadLetter.header(sent.headers(), DeadLetter.REASON)).isEqualTo("validation");
    assertThat(DeadLetter.header(sent.headers(), DeadLetter.MESSAGE))
        .contains("step 1 (switch): belongs to a BLUE_GREEN strategy, not CANARY");
  }

  @Test
  void validRequestsTakeTheRestPathWithTheTopicsIdentity() {
    DeploymentIntake intake = mock(DeploymentIntake.class);
    var listener = new DeploymentRequestListener(intake, mock(DeploymentDecisions.class),
        Validation.buildDefaultValidatorFactory().getValidator());
    DeploymentRequestEvent event = requestEvent(Fixtures.DIGEST);
    when(intake.submit(any(), any(), any(), any())).thenThrow(new UnknownEnvironmentException("staging",
        ENVIRONMENTS.names()));

    assertThatThrownBy(() -> listener.onMessage(new ConsumerRecord<>(topic, 0, 0L, "fraud-detector", event)))
        .isInstanceOfSatisfying(RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo("unknown-environment"));

    String eventId = event.getEnvelope().getEventId();
    var template = Fixtures.request("staging", null);
    var expected = new dev.tollgate.approval.deployment.domain.DeploymentRequest("fraud-detector", "1.4.0",
        Fixtures.DIGEST, "staging", template.source(), null, template.profile(), eventId);
    verify(intake).submit(eq(expected), eq(dev.tollgate.approval.policy.Actor.named("ci:github")),
        eq(Intake.topic(eventId)), eq("ci-7"));
  }

  @Test
  void theIdempotencyKeyIsThePayloadsThenTheRecordHeaderThenTheEventId() {
    DeploymentRequestEvent event = requestEvent(Fixtures.DIGEST);
    var plain = new ConsumerRecord<>(topic, 0, 0L, "fraud-detector", event);
    var headed = new ConsumerRecord<>(topic, 0, 1L, "fraud-detector", event);
    headed.headers().add(DeploymentRequestListener.IDEMPOTENCY_KEY_HEADER,
        "build-4711".getBytes(StandardCharsets.UTF_8));
    DeploymentRequested requested = (DeploymentRequested) event.getPayload();

    assertThat(DeploymentRequestListener.idempotencyKeyOf(plain, requested, event.getEnvelope()))
        .isEqualTo(event.getEnvelope().getEventId());
    assertThat(DeploymentRequestListener.idempotencyKeyOf(headed, requested, event.getEnvelope()))
        .isEqualTo("build-4711");
    DeploymentRequested keyed = DeploymentRequested.newBuilder(requested).setIdempotencyKey("payload-key").build();
    assertThat(DeploymentRequestListener.idempotencyKeyOf(headed, keyed, event.getEnvelope())).isEqualTo("payload-key");
  }

  private DeploymentRequestEvent requestEvent(String digest) {
    return requestEvent(digest, null);
  }

  private DeploymentRequestEvent requestEvent(String digest, RolloutStrategy strategy) {
    var request = Fixtures.request("staging", null);
    return DeploymentRequestEvent.newBuilder()
        .setEnvelope(Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
            .setActor("ci:github").setDeploymentId("ci-7").setModelName("fraud-detector").setModelVersion("1.4.0")
            .setEnvironment("staging").build())
        .setPayload(DeploymentRequested.newBuilder()
            .setArtifactDigest(digest)
            .setSource(AvroValues.source(request.source()))
            .setProfile(DeploymentProfile.newBuilder(AvroValues.profile(request.profile())).build())
            .setStrategy(strategy == null ? null : AvroValues.strategy(strategy))
            .build())
        .build();
  }
}
