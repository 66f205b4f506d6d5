package dev.tollgate.audit.handoff;

import dev.tollgate.audit.handoff.document.HandoffRecord;
import dev.tollgate.audit.handoff.document.HandoffRecord.ApprovalRound;
import dev.tollgate.audit.handoff.document.HandoffRecord.Artifact;
import dev.tollgate.audit.handoff.document.HandoffRecord.Decision;
import dev.tollgate.audit.handoff.document.HandoffRecord.GateDecision;
import dev.tollgate.audit.handoff.document.HandoffRecord.Health;
import dev.tollgate.audit.handoff.document.HandoffRecord.KnownGoodRequest;
import dev.tollgate.audit.handoff.document.HandoffRecord.Live;
import dev.tollgate.audit.handoff.document.HandoffRecord.Overview;
import dev.tollgate.audit.handoff.document.HandoffRecord.Profile;
import dev.tollgate.audit.handoff.document.HandoffRecord.Rollback;
import dev.tollgate.audit.handoff.document.HandoffRecord.RollbackPlan;
import dev.tollgate.audit.handoff.document.HandoffRecord.Rollout;
import dev.tollgate.audit.handoff.document.HandoffRecord.Rule;
import dev.tollgate.audit.handoff.document.HandoffRecord.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Folds a version's recorded events (decoded payloads as plain JSON, see the ingest's AvroJson
 * rules) into a {@link HandoffRecord}. Pure: what is live and the known-good requests come in as
 * arguments, so the fold is testable without a database.
 */
final class HandoffAssembler {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String model;
  private final String version;
  private Instant requestedAt;
  private String requestedBy;
  private Artifact artifact;
  private Profile profile;
  private final Map<String, String> deployments = new LinkedHashMap<>();
  private final LinkedHashSet<String> environments = new LinkedHashSet<>();
  private final Map<String, RoundBuilder> rounds = new LinkedHashMap<>();
  private final List<GateDecision> gates = new ArrayList<>();
  private final Map<String, RolloutBuilder> rollouts = new LinkedHashMap<>();
  private final List<Rollback> rollbacks = new ArrayList<>();

  private HandoffAssembler(String model, String version) {
    this.model = model;
    this.version = version;
  }

  /**
   * @param live what serves the model now, per environment
   * @param knownGoodRequest the last recorded request of a version in an environment: (version, environment) → event
   */
  static HandoffRecord assemble(String model, String version, List<HandoffEvent> events, List<Live> live,
      KnownGoodLookup knownGoodRequest, Instant now) {
    HandoffAssembler fold = new HandoffAssembler(model, version);
    events.forEach(fold::accept);
    return fold.record(live, knownGoodRequest, now, events.size());
  }

  /** The recorded request of a version in an environment, if any. */
  @FunctionalInterface
  interface KnownGoodLookup {
    Optional<HandoffEvent> lastRequest(String version, String environment);
  }

  private void accept(HandoffEvent e) {
    JsonNode body = JSON.readTree(e.payload());
    if (e.environment() != null) {
      environments.add(e.environment());
    }
    switch (e.eventType()) {
      case "DeploymentRequested" -> {
        if (requestedAt == null) {
          requestedAt = e.occurredAt();
          requestedBy = e.actor();
        }
        artifact = artifact(body);
        profile = profile(body.path("profile")).orElse(profile);
        deployments.put(e.deploymentId(), e.environment());
      }
      case "DeploymentCancelled" -> round(e).outcome(e, "DeploymentCancelled", text(body, "reason"), body);
      case "ApprovalRequested" -> {
        round(e).policyVersion = text(body, "policyVersion");
        profile = profile(body.path("profile")).orElse(profile);
        deployments.putIfAbsent(e.deploymentId(), e.environment());
      }
      case "ApprovalGranted" -> round(e).decide(e, text(body, "approver"), body, "approved");
      case "ApprovalRejected" -> round(e).decide(e, text(body, "approver"), body, "rejected");
      case "ApprovalWithdrawn" -> round(e).decide(e, text(body, "withdrawnBy"), body, "withdrawn");
      case "ApprovalExpired" -> round(e).decide(e, text(body, "approver"), body, "expired");
      case "ApprovalCommented" -> round(e).decisions.add(new Decision(e.occurredAt(), text(body, "author"), List.of(),
          "comment", text(body, "comment"), null, false, List.of()));
      case "DeploymentApproved" -> {
        RoundBuilder round = round(e);
        round.policyVersion = Objects.requireNonNullElse(text(body, "policyVersion"), round.policyVersion);
        round.outcome(e, "DeploymentApproved", "approvers " + String.join(", ", strings(body.path("approvers")))
            + (body.path("breakGlass").asBoolean(false) ? ", break glass" : ""), body);
        profile = profile(body.path("profile")).orElse(profile);
      }
      case "DeploymentRejected" -> round(e).outcome(e, "DeploymentRejected", text(body, "reason"), body);
      case "DeploymentSuperseded" -> round(e).outcome(e, "DeploymentSuperseded", "by version "
          + text(body, "supersededByVersion") + " (deployment " + text(body, "supersededByDeploymentId") + ")", body);
      case "GateApprovalGranted" -> gates.add(gate(e, body, "vote: approved", one(text(body, "approver"))));
      case "GateApproved" -> gates.add(gate(e, body, "approved", strings(body.path("approvers"))));
      case "GateRejected" -> gates.add(gate(e, body, "rejected", one(text(body, "rejectedBy"))));
      case "RolloutStarted" -> {
        RolloutBuilder rollout = rollout(e);
        rollout.baselineVersion = text(body, "baselineVersion");
        rollout.step(e, null, "started (" + text(body.path("strategy"), "kind") + ")", null, null);
      }
      case "StepStarted", "StepCompleted" -> rollout(e).step(e, index(body), text(body, "stepType"), null, null);
      case "AnalysisPassed", "AnalysisFailed" -> rollout(e).step(e, index(body), text(body, "summary"),
          health(body.path("candidate")), health(body.path("baseline")));
      case "ExperimentConcluded" -> rollout(e).step(e, index(body), "metric " + text(body, "metric") + ", winner "
              + Objects.requireNonNullElse(text(body, "winnerVersion"), "none") + ", p-value "
              + body.path("pValue").asDouble(Double.NaN),
          health(body.path("candidate")), health(body.path("baseline")));
      case "RolloutPaused" -> rollout(e).step(e, index(body), text(body, "reason"), null, null);
      case "RolloutResumed" -> rollout(e).step(e, index(body), null, null, null);
      case "GateRequested" -> rollout(e).step(e, index(body), "gate " + text(body, "gate") + " at weight "
          + body.path("currentWeight").asInt(0) + " %", null, null);
      case "RolloutPromoted" -> {
        RolloutBuilder rollout = rollout(e);
        rollout.previousVersion = text(body, "previousVersion");
        rollout.end(e);
        rollout.step(e, null, rollout.previousVersion == null ? null : "replaced " + rollout.previousVersion,
            null, null);
      }
      case "RollbackTriggered" -> {
        Health evidence = health(body.path("evidence"));
        rollbacks.add(new Rollback(e.occurredAt(), e.environment(), e.deploymentId(), text(body, "trigger"),
            text(body, "reason"), index(body), text(body, "rollbackToVersion"), evidence, null, null));
        rollout(e).step(e, index(body), text(body, "trigger") + ": " + text(body, "reason"), evidence, null);
      }
      case "RollbackCompleted" -> {
        String restored = text(body, "restoredVersion");
        for (int i = rollbacks.size() - 1; i >= 0; i--) {
          Rollback b = rollbacks.get(i);
          if (Objects.equals(b.deploymentId(), e.deploymentId()) && b.completedAt() == null) {
            rollbacks.set(i, new Rollback(b.at(), b.environment(), b.deploymentId(), b.trigger(), b.reason(),
                b.stepIndex(), b.rollbackToVersion(), b.evidence(), e.occurredAt(), restored));
            break;
          }
        }
        RolloutBuilder rollout = rollout(e);
        rollout.end(e);
        rollout.step(e, null, "restored " + Objects.requireNonNullElse(restored, "nothing"), null, null);
      }
      case "RolloutAborted" -> {
        RolloutBuilder rollout = rollout(e);
        rollout.end(e);
        rollout.step(e, null, text(body, "reason"), null, null);
      }
      default -> { }
    }
  }

  private HandoffRecord record(List<Live> live, KnownGoodLookup lookup, Instant now, long eventCount) {
    Map<String, Live> liveByEnvironment = new LinkedHashMap<>();
    live.forEach(l -> liveByEnvironment.put(l.environment(), l));
    List<RollbackPlan> plans = new ArrayList<>();
    Map<String, RolloutBuilder> lastRolloutPerEnvironment = new LinkedHashMap<>();
    rollouts.values().forEach(r -> lastRolloutPerEnvironment.put(r.environment, r));
    for (RolloutBuilder rollout : lastRolloutPerEnvironment.values()) {
      Live now1 = liveByEnvironment.get(rollout.environment);
      String liveVersion = now1 == null ? null : now1.version();
      boolean active = rollout.outcome == null;
      String knownGood;
      if (active) {
        knownGood = rollout.baselineVersion;
      } else if (version.equals(liveVersion)) {
        knownGood = "RolloutPromoted".equals(rollout.outcome) ? rollout.previousVersion : null;
      } else {
        knownGood = liveVersion;
      }
      KnownGoodRequest request = knownGood == null ? null : lookup.lastRequest(knownGood, rollout.environment)
          .map(event -> {
            JsonNode body = JSON.readTree(event.payload());
            return new KnownGoodRequest(event.deploymentId(), knownGood, artifact(body),
                profile(body.path("profile")).orElse(null));
          }).orElse(null);
      plans.add(new RollbackPlan(rollout.environment, liveVersion, active ? rollout.deploymentId : null, knownGood,
          request));
    }
    return new HandoffRecord(
        new Overview(model, version, List.copyOf(environments), requestedBy, requestedAt, deployments),
        artifact, profile,
        rounds.values().stream().map(RoundBuilder::build).toList(),
        gates,
        rollouts.values().stream().map(RolloutBuilder::build).toList(),
        rollbacks, live, plans, now, eventCount);
  }

  private RoundBuilder round(HandoffEvent e) {
    return rounds.computeIfAbsent(e.deploymentId(), id -> new RoundBuilder(id, e.environment()));
  }

  private RolloutBuilder rollout(HandoffEvent e) {
    return rollouts.computeIfAbsent(e.deploymentId(), id -> new RolloutBuilder(id, e.environment()));
  }

  private static GateDecision gate(HandoffEvent e, JsonNode body, String decision, List<String> people) {
    return new GateDecision(e.occurredAt(), e.environment(), text(body, "gate"), body.path("stepIndex").asInt(0),
        decision, people, strings(body.path("roles")), text(body, "reason"), text(body, "policyVersion"));
  }

  private static Artifact artifact(JsonNode body) {
    JsonNode source = body.path("source");
    return new Artifact(text(body, "artifactDigest"), text(source, "gitCommit"), text(source, "commitAuthor"),
        text(source, "pipelineRunUrl"));
  }

  private static Optional<Profile> profile(JsonNode profile) {
    if (!profile.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new Profile(text(profile, "instanceType"), text(profile, "instanceSize"),
        profile.path("replicas").isNumber() ? profile.path("replicas").asInt() : null, text(profile, "location"),
        text(profile, "updateSchedule")));
  }

  private static Health health(JsonNode stats) {
    if (!stats.isObject()) {
      return null;
    }
    Map<String, Double> custom = new LinkedHashMap<>();
    stats.path("customMetrics").properties().forEach(m -> custom.put(m.getKey(), m.getValue().asDouble(Double.NaN)));
    return new Health(text(stats, "modelVersion"), stats.path("sampleCount").asLong(0),
        stats.path("requestCount").asLong(0), stats.path("errorCount").asLong(0),
        stats.path("errorRate").asDouble(Double.NaN), stats.path("p99LatencyMs").asDouble(Double.NaN), custom);
  }

  private static List<Rule> rules(JsonNode evaluation) {
    List<Rule> rules = new ArrayList<>();
    evaluation.forEach(r -> rules.add(new Rule(text(r, "rule"), r.path("passed").asBoolean(false),
        text(r, "message"))));
    return rules;
  }

  private static Integer index(JsonNode body) {
    return body.path("stepIndex").isNumber() ? body.path("stepIndex").asInt() : null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.isString() ? item.asString() : item.toString()));
    return values;
  }

  private static List<String> one(String person) {
    return person == null ? List.of() : List.of(person);
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.path(field);
    return value.isString() ? value.asString() : null;
  }

  private static final class RoundBuilder {
    final String deploymentId;
    final String environment;
    String policyVersion;
    final List<Decision> decisions = new ArrayList<>();
    String outcome;
    Instant outcomeAt;
    String outcomeDetail;
    List<Rule> evaluation = List.of();

    RoundBuilder(String deploymentId, String environment) {
      this.deploymentId = deploymentId;
      this.environment = environment;
    }

    void decide(HandoffEvent e, String person, JsonNode body, String decision) {
      String policy = text(body, "policyVersion");
      decisions.add(new Decision(e.occurredAt(), person, strings(body.path("roles")), decision,
          text(body, "reason"), policy == null ? policyVersion : policy, body.path("breakGlass").asBoolean(false),
          rules(body.path("evaluation"))));
    }

    void outcome(HandoffEvent e, String type, String detail, JsonNode body) {
      outcome = type;
      outcomeAt = e.occurredAt();
      outcomeDetail = detail;
      evaluation = rules(body.path("evaluation"));
    }

    ApprovalRound build() {
      return new ApprovalRound(deploymentId, environment, policyVersion, decisions, outcome, outcomeAt,
          outcomeDetail, evaluation);
    }
  }

  private static final class RolloutBuilder {
    final String deploymentId;
    final String environment;
    String baselineVersion;
    final List<Step> steps = new ArrayList<>();
    String outcome;
    Instant outcomeAt;
    String previousVersion;

    RolloutBuilder(String deploymentId, String environment) {
      this.deploymentId = deploymentId;
      this.environment = environment;
    }

    void step(HandoffEvent e, Integer index, String detail, Health candidate, Health baseline) {
      steps.add(new Step(e.occurredAt(), index, e.eventType(), detail, candidate, baseline));
    }

    void end(HandoffEvent e) {
      outcome = e.eventType();
      outcomeAt = e.occurredAt();
    }

    Rollout build() {
      return new Rollout(environment, deploymentId, baselineVersion, steps, outcome, outcomeAt, previousVersion);
    }
  }
}
