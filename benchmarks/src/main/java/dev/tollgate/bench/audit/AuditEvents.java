package dev.tollgate.bench.audit;

import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.ApprovalGranted;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPaused;
import dev.tollgate.events.RolloutResumed;
import dev.tollgate.events.RuleEvaluation;
import dev.tollgate.events.StepCompleted;
import dev.tollgate.events.StepStarted;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * Synthetic lifecycle events for the audit benchmarks, built with the generated Avro classes. Deployment
 * {@code d} is model {@code <prefix>-m<d % models>}, version {@code 1.<k/2>.0} with {@code k = d / models}, in
 * staging for even {@code k} and production for odd; each deployment is {@value #EVENTS_PER_DEPLOYMENT} events
 * over the four lifecycle topics nobody reacts to for an unknown deployment (an approver's vote, step progress, a
 * pause by an operator, traffic commands and acks). Deployment requests, {@code DeploymentApproved} and
 * {@code RolloutPromoted} are left out: approval-service and rollout-service would act on them.
 * Deployments start {@code spacing} apart from {@code start}, so the trail spans a realistic stretch of time.
 */
final class AuditEvents {

  static final int EVENTS_PER_DEPLOYMENT = 10;
  static final List<String> APPROVERS = List.of("alice", "bob", "carol");
  static final String OPERATOR = "olivia";

  private final String prefix;
  private final int models;
  private final Instant start;
  private final Duration spacing;

  AuditEvents(String prefix, int models, Instant start, Duration spacing) {
    this.prefix = prefix;
    this.models = models;
    this.start = start;
    this.spacing = spacing;
  }

  /** One event to produce: topic, key (the model name) and value. */
  record Produced(Topic<String, ?> topic, String key, SpecificRecord value) {}

  String model(long deployment) {
    return prefix + "-m" + (deployment % models);
  }

  String version(long deployment) {
    return "1." + (deployment / models / 2) + ".0";
  }

  String environment(long deployment) {
    return (deployment / models) % 2 == 0 ? "staging" : "production";
  }

  String deploymentId(long deployment) {
    return prefix + "-d" + deployment;
  }

  /** Event {@code i} (0-based) of the whole run: deployment {@code i / 10}, step {@code i % 10}. */
  Produced event(long i) {
    long d = i / EVENTS_PER_DEPLOYMENT;
    int step = (int) (i % EVENTS_PER_DEPLOYMENT);
    String model = model(d);
    String version = version(d);
    Instant at = start.plus(spacing.multipliedBy(d)).plusSeconds(step * 2L);
    String system = "system:rollout-service";
    String cmd = deploymentId(d) + "-cmd";
    return switch (step) {
      case 0 -> approval(d, at, APPROVERS.get((int) (d % APPROVERS.size())));
      case 1 -> rollout(d, at, system, new StepStarted(0, "setWeight"));
      case 2 -> traffic(d, at, system, cmd + "1", 10);
      case 3 -> ack(d, at, cmd + "1", 10);
      case 4 -> rollout(d, at, system, new StepCompleted(0, "setWeight"));
      case 5 -> rollout(d, at, system, new StepStarted(1, "pause"));
      case 6 -> rollout(d, at, OPERATOR, new RolloutPaused(1, "checking dashboards"));
      case 7 -> rollout(d, at, OPERATOR, new RolloutResumed(1));
      case 8 -> traffic(d, at, system, cmd + "2", 100);
      case 9 -> ack(d, at, cmd + "2", 100);
      default -> throw new IllegalStateException("step " + step);
    };
  }

  private Envelope envelope(long d, Instant at, String actor) {
    return Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setActor(actor)
        .setDeploymentId(deploymentId(d)).setModelName(model(d)).setModelVersion(version(d))
        .setEnvironment(environment(d)).setCausationId(null).build();
  }

  private Produced approval(long d, Instant at, String approver) {
    ApprovalGranted granted = ApprovalGranted.newBuilder().setApprover(approver).setRoles(List.of("approver"))
        .setArtifactDigest("sha256:" + Long.toHexString(d)).setPolicyVersion("staging-v3").setReason(null)
        .setBreakGlass(false)
        .setEvaluation(List.of(new RuleEvaluation("required-approvals", true, "1 of 1 approvals"),
            new RuleEvaluation("no-self-approval", true, approver + " did not request it")))
        .build();
    return new Produced(Topics.APPROVALS, model(d),
        ApprovalEvent.newBuilder().setEnvelope(envelope(d, at, approver)).setPayload(granted).build());
  }

  private Produced rollout(long d, Instant at, String actor, Object payload) {
    return new Produced(Topics.ROLLOUTS, model(d),
        RolloutEvent.newBuilder().setEnvelope(envelope(d, at, actor)).setPayload(payload).build());
  }

  private Produced traffic(long d, Instant at, String actor, String commandId, int weight) {
    return new Produced(Topics.TRAFFIC_COMMANDS, model(d), TrafficCommand.newBuilder()
        .setEnvelope(envelope(d, at, actor)).setCommandId(commandId).setWeights(weights(d, weight))
        .setAckDeadline(at.plusSeconds(30)).build());
  }

  private Produced ack(long d, Instant at, String commandId, int weight) {
    return new Produced(Topics.TRAFFIC_ACKS, model(d), TrafficAck.newBuilder()
        .setEnvelope(envelope(d, at.plusMillis(500), "system:serving-platform")).setCommandId(commandId)
        .setApplied(true).setMessage(null).setWeights(weights(d, weight)).build());
  }

  private List<VersionWeight> weights(long d, int weight) {
    return weight == 100 ? List.of(new VersionWeight(version(d), 100))
        : List.of(new VersionWeight(version(d), weight), new VersionWeight("baseline", 100 - weight));
  }
}
