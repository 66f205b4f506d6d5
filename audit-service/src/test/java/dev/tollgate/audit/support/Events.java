package dev.tollgate.audit.support;

import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.ApprovalGranted;
import dev.tollgate.events.ArtifactSource;
import dev.tollgate.events.DeploymentApproved;
import dev.tollgate.events.DeploymentProfile;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentRequested;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.PauseStep;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPromoted;
import dev.tollgate.events.RolloutStrategy;
import dev.tollgate.events.SetWeightStep;
import dev.tollgate.events.StrategyKind;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Lifecycle events and their Confluent-framed bytes, registered in an in-memory registry scope. */
public final class Events {

  public static final String DIGEST = "sha256:" + "ab".repeat(32);

  private final Map<String, String> serdeConfig;

  public Events() {
    this.serdeConfig = Map.of("schema.registry.url", "mock://audit-" + UUID.randomUUID());
  }

  public Map<String, String> serdeConfig() {
    return serdeConfig;
  }

  public static Envelope envelope(String eventId, Instant at, String deploymentId, String version) {
    return Envelope.newBuilder().setEventId(eventId).setOccurredAt(at).setActor("ci:pipeline")
        .setDeploymentId(deploymentId).setModelName("fraud-detector").setModelVersion(version)
        .setEnvironment("staging").setCausationId(null).build();
  }

  public static RolloutStrategy canary() {
    return RolloutStrategy.newBuilder().setKind(StrategyKind.CANARY)
        .setSteps(List.of(new SetWeightStep(20), new PauseStep(1L), new SetWeightStep(100))).build();
  }

  public static DeploymentProfile profile() {
    return DeploymentProfile.newBuilder().setInstanceType("ml.g5").setInstanceSize("xlarge").setReplicas(2)
        .setLocation("eu-west-1").setUpdateSchedule(null).build();
  }

  public static DeploymentRequestEvent requested(Envelope envelope) {
    return new DeploymentRequestEvent(envelope, DeploymentRequested.newBuilder().setArtifactDigest(DIGEST)
        .setSource(new ArtifactSource("9f2c1e7", "dave", "https://ci.example/run/42"))
        .setStrategy(canary()).setProfile(profile()).setIdempotencyKey(null).build());
  }

  public static ApprovalEvent granted(Envelope envelope) {
    return new ApprovalEvent(envelope, ApprovalGranted.newBuilder().setApprover("alice").setRoles(List.of("approver"))
        .setArtifactDigest(DIGEST).setPolicyVersion("staging-v1").build());
  }

  public static ApprovalEvent approved(Envelope envelope) {
    return new ApprovalEvent(envelope, DeploymentApproved.newBuilder().setArtifactDigest(DIGEST)
        .setPolicyVersion("staging-v1").setApprovers(List.of("alice")).setStrategy(canary()).setProfile(profile())
        .build());
  }

  public static RolloutEvent promoted(Envelope envelope) {
    return new RolloutEvent(envelope, new RolloutPromoted("1.3.0"));
  }

  public static TrafficCommand traffic(Envelope envelope, Instant deadline) {
    return TrafficCommand.newBuilder().setEnvelope(envelope).setCommandId("cmd-" + envelope.getEventId())
        .setWeights(List.of(new VersionWeight("1.3.0", 80), new VersionWeight(envelope.getModelVersion(), 20)))
        .setAckDeadline(deadline).build();
  }

  /** The record as the consumer would see it: model-name key, Confluent-framed Avro value. */
  public <V extends SpecificRecord> ConsumerRecord<byte[], byte[]> record(Topic<String, V> topic, int partition,
      long offset, V value) {
    byte[] bytes = topic.valueSerde(serdeConfig).serializer().serialize(topic.name(), value);
    return new ConsumerRecord<>(topic.name(), partition, offset,
        "fraud-detector".getBytes(StandardCharsets.UTF_8), bytes);
  }

  public static ConsumerRecord<byte[], byte[]> raw(Topic<?, ?> topic, int partition, long offset, byte[] value) {
    return new ConsumerRecord<>(topic.name(), partition, offset, "fraud-detector".getBytes(StandardCharsets.UTF_8),
        value);
  }
}
