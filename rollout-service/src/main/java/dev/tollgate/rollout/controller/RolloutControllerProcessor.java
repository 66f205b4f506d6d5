package dev.tollgate.rollout.controller;

import dev.tollgate.events.AbortRequested;
import dev.tollgate.events.AlertFired;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.OperatorCommand;
import dev.tollgate.events.PauseRequested;
import dev.tollgate.events.PromoteRequested;
import dev.tollgate.events.ResumeRequested;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.SampleCounts;
import dev.tollgate.rollout.analysis.SampleFate;
import dev.tollgate.rollout.stores.StoreNames;
import dev.tollgate.rollout.strategy.AbortReasons;
import dev.tollgate.rollout.strategy.ApprovedDeployment;
import dev.tollgate.rollout.strategy.GateDecision;
import dev.tollgate.rollout.strategy.OperatorRequest;
import dev.tollgate.rollout.strategy.ExperimentSteps;
import dev.tollgate.rollout.strategy.RollbackTrigger;
import dev.tollgate.rollout.strategy.RolloutController;
import dev.tollgate.rollout.strategy.RolloutDomainEvent;
import dev.tollgate.rollout.strategy.RolloutLane;
import dev.tollgate.rollout.strategy.RolloutPhase;
import dev.tollgate.rollout.strategy.RolloutState;
import dev.tollgate.rollout.strategy.TrafficAcknowledgement;
import dev.tollgate.rollout.strategy.Transition;
import dev.tollgate.schemas.topic.StateKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link RolloutController} per record of its partition (keyed by model name). Lanes live
 * in the {@link StoreNames#ROLLOUT_LANES} store keyed {@code model/environment}; the active
 * rollout's analysis window in {@link StoreNames#LANE_HEALTH} under the same key, so the hot
 * health-sample path reads and writes a small value and never the lane. Health samples arrive in
 * batches per lane ({@code ingest.HealthIngest} regroups them), so the window is read and written
 * once per batch. Under exactly-once the
 * store updates, the published events and the input offset commit together, so a killed instance
 * neither loses nor repeats a step. A wall-clock punctuator drives timers: pauses, analysis
 * measurements, bake checks, acknowledgement deadlines.
 */
public final class RolloutControllerProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

  /** Child node names the processor forwards to; the topology wires them to the output topics. */
  public static final String ROLLOUTS_SINK = "rollouts-sink";
  public static final String TRAFFIC_COMMANDS_SINK = "traffic-commands-sink";

  private static final Logger log = LoggerFactory.getLogger(RolloutControllerProcessor.class);

  private final RolloutController controller;
  private final RolloutRecords records;
  private final Clock clock;
  private final Duration timerInterval;
  private final SampleCounts sampleCounts;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, RolloutLane> lanes;
  private KeyValueStore<String, LaneHealth> health;

  public RolloutControllerProcessor(RolloutController controller, RolloutRecords records, Clock clock,
      Duration timerInterval, SampleCounts sampleCounts) {
    this.controller = controller;
    this.records = records;
    this.clock = clock;
    this.timerInterval = timerInterval;
    this.sampleCounts = sampleCounts;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.lanes = context.getStateStore(StoreNames.ROLLOUT_LANES);
    this.health = context.getStateStore(StoreNames.LANE_HEALTH);
    context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, timestamp -> onTimers());
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    SpecificRecord value = record.value();
    if (value instanceof HealthSampleBatch batch) {
      onSamples(batch);
    } else if (value instanceof TrafficAck ack) {
      onAck(ack);
    } else if (value instanceof ApprovalEvent approval) {
      ApprovalMapping.approved(approval).ifPresent(this::start);
      ApprovalMapping.gateDecision(approval).ifPresent(decision -> onGateDecision(approval.getEnvelope(), decision));
    } else if (value instanceof OperatorCommand command) {
      onCommand(command);
    }
  }

  private void onCommand(OperatorCommand command) {
    Envelope e = command.getEnvelope();
    OperatorRequest.Kind kind = command.getPayload() instanceof PauseRequested ? OperatorRequest.Kind.PAUSE
        : command.getPayload() instanceof ResumeRequested ? OperatorRequest.Kind.RESUME
        : command.getPayload() instanceof PromoteRequested ? OperatorRequest.Kind.PROMOTE : null;
    if (kind != null) {
      onOperatorRequest(e, kind, command.getPayload() instanceof PauseRequested p ? p.getReason() : null);
      return;
    }
    RollbackTrigger trigger;
    String reason;
    if (command.getPayload() instanceof AbortRequested abort) {
      trigger = RollbackTrigger.MANUAL_ABORT;
      reason = AbortReasons.manual(e.getActor(), abort.getReason());
    } else if (command.getPayload() instanceof AlertFired alert) {
      trigger = RollbackTrigger.EXTERNAL_ALERT;
      reason = AbortReasons.externalAlert(alert.getAlertName(), alert.getSummary());
    } else {
      log.warn("Ignoring operator command {} ({}) for deployment {}: not supported yet", e.getEventId(),
          command.getPayload().getClass().getSimpleName(), e.getDeploymentId());
      return;
    }
    String key = StateKeys.live(e.getModelName(), e.getEnvironment());
    RolloutLane lane = lanes.get(key);
    if (lane == null || e.getDeploymentId() == null) {
      log.warn("Ignoring operator command {} for deployment {}: no rollout of {} in {}", e.getEventId(),
          e.getDeploymentId(), e.getModelName(), e.getEnvironment());
      return;
    }
    Transition transition = controller.rollback(lane, e.getEventId(), e.getDeploymentId(), trigger, reason);
    if (transition.changed() && transition.events().isEmpty()) {
      log.warn("Ignoring operator command {}: deployment {} is not the progressing rollout of {} in {}",
          e.getEventId(), e.getDeploymentId(), e.getModelName(), e.getEnvironment());
    }
    if (transition.changed()) {
      apply(key, transition, e.getEventId());
    }
  }

  private void onOperatorRequest(Envelope e, OperatorRequest.Kind kind, String reason) {
    String key = StateKeys.live(e.getModelName(), e.getEnvironment());
    RolloutLane lane = lanes.get(key);
    if (lane == null || e.getDeploymentId() == null) {
      log.warn("Ignoring {} command {} for deployment {}: no rollout of {} in {}", kind, e.getEventId(),
          e.getDeploymentId(), e.getModelName(), e.getEnvironment());
      return;
    }
    Transition transition = controller.onOperatorRequest(lane,
        new OperatorRequest(e.getEventId(), e.getDeploymentId(), kind, e.getActor(), reason));
    if (transition.changed() && transition.events().isEmpty()) {
      log.info("{} command {} for deployment {} changed nothing (not the progressing rollout, or moot)", kind,
          e.getEventId(), e.getDeploymentId());
    }
    if (transition.changed()) {
      apply(key, transition, e.getEventId());
    }
  }

  private void onGateDecision(Envelope e, GateDecision decision) {
    String key = StateKeys.live(e.getModelName(), e.getEnvironment());
    RolloutLane lane = lanes.get(key);
    if (lane == null) {
      log.warn("Ignoring gate decision {} for deployment {}: no rollout of {} in {}", e.getEventId(),
          decision.deploymentId(), e.getModelName(), e.getEnvironment());
      return;
    }
    Transition transition = controller.onGateDecision(lane, decision);
    if (transition.changed() && transition.events().isEmpty()) {
      log.info("Gate decision {} ({} {}) for deployment {} is moot: the rollout does not wait at that gate",
          e.getEventId(), decision.gate(), decision.approved() ? "approved" : "rejected", decision.deploymentId());
    }
    if (transition.changed()) {
      apply(key, transition, e.getEventId());
    }
  }

  private void start(ApprovedDeployment approved) {
    String key = StateKeys.live(approved.deployment().model(), approved.deployment().environment());
    RolloutLane lane = laneOrEmpty(key, approved.deployment().model(), approved.deployment().environment());
    Transition transition = controller.start(lane, approved);
    if (!transition.changed()) {
      log.info("Ignoring DeploymentApproved {} for deployment {}: already acted on", approved.eventId(),
          approved.deployment().deploymentId());
      return;
    }
    apply(key, transition, approved.eventId());
  }

  /** One read and at most one write of the window per batch, however many samples it holds. */
  private void onSamples(HealthSampleBatch batch) {
    String key = StateKeys.live(batch.getModelName(), batch.getEnvironment());
    LaneHealth window = health.get(key);
    if (window == null) {
      sampleCounts.record(SampleFate.NO_ACTIVE_ROLLOUT, batch.getSamples().size());
      return;
    }
    LaneHealth.Admissions admissions = window.admitAll(HealthMapping.samples(batch));
    admissions.fates().forEach(sampleCounts::record);
    if (admissions.count(SampleFate.AGGREGATED) > 0) {
      health.put(key, admissions.health());
    }
  }

  private void onAck(TrafficAck record) {
    String key = StateKeys.live(record.getEnvelope().getModelName(), record.getEnvelope().getEnvironment());
    RolloutLane lane = lanes.get(key);
    if (lane == null) {
      log.info("Ignoring traffic ack {} for command {}: no rollout of {} in {}", record.getEnvelope().getEventId(),
          record.getCommandId(), record.getEnvelope().getModelName(), record.getEnvelope().getEnvironment());
      return;
    }
    TrafficAcknowledgement ack = HealthMapping.ack(record);
    Transition transition = controller.onAck(lane, ack);
    if (transition.changed()) {
      apply(key, transition, ack.eventId());
    }
  }

  private void onTimers() {
    Instant now = clock.instant();
    List<KeyValue<String, RolloutLane>> due = new ArrayList<>();
    try (KeyValueIterator<String, RolloutLane> all = lanes.all()) {
      while (all.hasNext()) {
        KeyValue<String, RolloutLane> entry = all.next();
        if (controller.timerDue(entry.value, now)) {
          due.add(entry);
        }
      }
    }
    for (KeyValue<String, RolloutLane> entry : due) {
      Transition transition = controller.onTimer(entry.value, health.get(entry.key), now);
      if (transition.changed()) {
        // no input event triggers a timer: the approval that started the rollout is the cause
        apply(entry.key, transition, entry.value.current().approvalEventId());
      }
    }
  }

  /** Stores the lane, keeps its analysis window in step with it, publishes the events. */
  private void apply(String key, Transition transition, String causationId) {
    lanes.put(key, transition.lane());
    syncHealth(key, transition.lane().current());
    publish(transition.events(), causationId);
  }

  /**
   * The window follows the lane: open while a rollout progresses, restarted when the controller
   * starts a new window (a step or a measurement), gone otherwise so later samples count as dropped.
   */
  private void syncHealth(String key, RolloutState state) {
    LaneHealth window = health.get(key);
    if (state == null || state.phase() != RolloutPhase.PROGRESSING) {
      if (window != null) {
        health.delete(key);
      }
      return;
    }
    String deploymentId = state.deployment().deploymentId();
    LaneHealth next = window;
    if (window == null || !window.deploymentId().equals(deploymentId)) {
      next = LaneHealth.open(deploymentId, state.windowStart(), state.deployment().version(),
          state.baselineVersion());
    } else if (!window.windowStart().equals(state.windowStart())) {
      next = window.restartedAt(state.windowStart());
    }
    // an A/B experiment's window also collects the per-sample values of its metric
    next = next.collecting(ExperimentSteps.collectedMetric(state));
    if (next != window) {
      health.put(key, next);
    }
  }

  private RolloutLane laneOrEmpty(String key, String model, String environment) {
    RolloutLane lane = lanes.get(key);
    return lane != null ? lane : RolloutLane.empty(model, environment);
  }

  private void publish(List<RolloutDomainEvent> events, String causationId) {
    Instant now = clock.instant();
    for (RolloutDomainEvent event : events) {
      if (event instanceof RolloutDomainEvent.Aborted aborted) {
        log.warn("Rollout of {} {} to {} (deployment {}) aborted: {}", event.deployment().model(),
            event.deployment().version(), event.deployment().environment(), event.deployment().deploymentId(),
            aborted.reason());
      } else if (event instanceof RolloutDomainEvent.RollbackTriggered rollback) {
        log.warn("Rolling back {} {} in {} (deployment {}) to {} [{}]: {}", event.deployment().model(),
            event.deployment().version(), event.deployment().environment(), event.deployment().deploymentId(),
            rollback.rollbackToVersion() == null ? "no version" : rollback.rollbackToVersion(), rollback.trigger(),
            rollback.reason());
      }
      SpecificRecord value = records.toRecord(event, causationId, now);
      String child = value instanceof TrafficCommand ? TRAFFIC_COMMANDS_SINK : ROLLOUTS_SINK;
      context.forward(new Record<>(event.deployment().model(), value, now.toEpochMilli()), child);
    }
  }
}
