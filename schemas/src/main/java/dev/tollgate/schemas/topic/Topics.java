package dev.tollgate.schemas.topic;

import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.AuditCheckpoint;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.events.DeploymentState;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.events.LiveVersion;
import dev.tollgate.events.OperatorCommand;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.schemas.serde.AvroSerde;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog. Lifecycle topics are keyed by model name and share one partition count, so
 * every event about one model lands on one partition, in order, and streams join them without a
 * repartition.
 */
public final class Topics {

  /** CI's deployment requests, over REST (approval-service writes them) or straight from CI. */
  public static final Topic<String, DeploymentRequestEvent> DEPLOYMENT_REQUESTS =
      lifecycle("tollgate.deployment-requests", DeploymentRequestEvent.class);

  /** Approval decisions, deployment approved / rejected / superseded, gate decisions. Writer: approval-service. */
  public static final Topic<String, ApprovalEvent> APPROVALS =
      lifecycle("tollgate.approvals", ApprovalEvent.class);

  /** Rollout progress, analysis verdicts, gate requests, rollbacks. Writer: rollout-service. */
  public static final Topic<String, RolloutEvent> ROLLOUTS =
      lifecycle("tollgate.rollouts", RolloutEvent.class);

  /** Desired traffic splits for the serving platform. Writer: rollout-service. */
  public static final Topic<String, TrafficCommand> TRAFFIC_COMMANDS =
      lifecycle("tollgate.traffic-commands", TrafficCommand.class);

  /** The serving platform's acknowledgements of traffic commands. */
  public static final Topic<String, TrafficAck> TRAFFIC_ACKS =
      lifecycle("tollgate.traffic-acks", TrafficAck.class);

  /**
   * Operator and alert commands for the rollout controller (abort, alert, pause, resume, promote).
   * Writer: rollout-service's operator REST API; reader: its controller. Not in {@link #LIFECYCLE}:
   * the rollout events they cause carry the reason and are what the audit trail records.
   */
  public static final Topic<String, OperatorCommand> ROLLOUT_COMMANDS =
      lifecycle("tollgate.rollout-commands", OperatorCommand.class);

  /** Live health per model version (high volume). */
  public static final Topic<String, HealthSample> HEALTH_SAMPLES =
      lifecycle("tollgate.health-samples", HealthSample.class);

  /**
   * Health samples regrouped per model and environment. Writer: rollout-service's health ingest;
   * reader: its controller, which would otherwise pay Kafka Streams' per-record cost once per sample.
   * Keyed by model like the lifecycle topics, so the controller reads it beside them without a
   * repartition.
   */
  public static final Topic<String, HealthSampleBatch> HEALTH_SAMPLE_BATCHES =
      lifecycle("tollgate.health-sample-batches", HealthSampleBatch.class);

  /** Materialized state per model version and environment; key {@code model/version/environment}. */
  public static final Topic<String, DeploymentState> DEPLOYMENT_STATE =
      compacted("tollgate.deployment-state", DeploymentState.class);

  /** What serves each model per environment; key {@code model/environment}. */
  public static final Topic<String, LiveVersion> LIVE_VERSIONS =
      compacted("tollgate.live-versions", LiveVersion.class);

  /** Signed heads of the audit hash chains. Writer: audit-service. */
  public static final Topic<String, AuditCheckpoint> AUDIT_CHECKPOINTS =
      lifecycle("tollgate.audit-checkpoints", AuditCheckpoint.class);

  public static final Topic<byte[], byte[]> APPROVAL_SERVICE_DEAD_LETTERS = deadLetters("approval-service");
  public static final Topic<byte[], byte[]> ROLLOUT_SERVICE_DEAD_LETTERS = deadLetters("rollout-service");
  public static final Topic<byte[], byte[]> AUDIT_SERVICE_DEAD_LETTERS = deadLetters("audit-service");

  /** Every event about a deployment's lifecycle, in the order a deployment meets them. */
  public static final List<Topic<String, ? extends SpecificRecord>> LIFECYCLE =
      List.of(DEPLOYMENT_REQUESTS, APPROVALS, ROLLOUTS, TRAFFIC_COMMANDS, TRAFFIC_ACKS);

  private Topics() {}

  /** Every topic of the catalog, for creating them on a broker. */
  public static List<Topic<?, ?>> all() {
    return List.of(
        DEPLOYMENT_REQUESTS, APPROVALS, ROLLOUTS, TRAFFIC_COMMANDS, TRAFFIC_ACKS, ROLLOUT_COMMANDS, HEALTH_SAMPLES,
        HEALTH_SAMPLE_BATCHES,
        DEPLOYMENT_STATE, LIVE_VERSIONS, AUDIT_CHECKPOINTS,
        APPROVAL_SERVICE_DEAD_LETTERS, ROLLOUT_SERVICE_DEAD_LETTERS, AUDIT_SERVICE_DEAD_LETTERS);
  }

  private static <V extends SpecificRecord> Topic<String, V> lifecycle(String name, Class<V> type) {
    return new Topic<>(name, String.class, type, Serdes::String, () -> new AvroSerde<>(type), Topic.Layout.LIFECYCLE);
  }

  private static <V extends SpecificRecord> Topic<String, V> compacted(String name, Class<V> type) {
    return new Topic<>(name, String.class, type, Serdes::String, () -> new AvroSerde<>(type), Topic.Layout.COMPACTED);
  }

  private static Topic<byte[], byte[]> deadLetters(String consumer) {
    return new Topic<>("tollgate.dlt." + consumer, byte[].class, byte[].class,
        Serdes::ByteArray, Serdes::ByteArray, Topic.Layout.DEAD_LETTER);
  }
}
