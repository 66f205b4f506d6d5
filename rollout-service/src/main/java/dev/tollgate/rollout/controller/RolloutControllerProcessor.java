package dev.tollgate.rollout.controller;

import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.rollout.stores.StoreNames;
import dev.tollgate.rollout.strategy.ApprovedDeployment;
import dev.tollgate.rollout.strategy.RolloutController;
import dev.tollgate.rollout.strategy.RolloutDomainEvent;
import dev.tollgate.rollout.strategy.RolloutLane;
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
 * in the {@link StoreNames#ROLLOUT_LANES} store keyed {@code model/environment}; under
 * exactly-once the store update, the published events and the input offset commit together, so a
 * killed instance neither loses nor repeats a step. A wall-clock punctuator advances timed pauses.
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
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, RolloutLane> lanes;

  public RolloutControllerProcessor(RolloutController controller, RolloutRecords records, Clock clock,
      Duration timerInterval) {
    this.controller = controller;
    this.records = records;
    this.clock = clock;
    this.timerInterval = timerInterval;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.lanes = context.getStateStore(StoreNames.ROLLOUT_LANES);
    context.schedule(timerInterval, PunctuationType.WALL_CLOCK_TIME, timestamp -> onTimers());
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    // TRAFFIC_ACKS arrive here too; acknowledgement deadlines are the rollout-engine issue's
    if (record.value() instanceof ApprovalEvent approval) {
      ApprovalMapping.approved(approval).ifPresent(this::start);
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
    lanes.put(key, transition.lane());
    publish(transition.events(), approved.eventId());
  }

  private void onTimers() {
    Instant now = clock.instant();
    List<KeyValue<String, RolloutLane>> due = new ArrayList<>();
    try (KeyValueIterator<String, RolloutLane> all = lanes.all()) {
      while (all.hasNext()) {
        KeyValue<String, RolloutLane> entry = all.next();
        if (RolloutController.timerDue(entry.value, now)) {
          due.add(entry);
        }
      }
    }
    for (KeyValue<String, RolloutLane> entry : due) {
      Transition transition = controller.onTimer(entry.value, now);
      if (transition.changed()) {
        lanes.put(entry.key, transition.lane());
        // no input event triggers a timer: the approval that started the rollout is the cause
        publish(transition.events(), entry.value.current().approvalEventId());
      }
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
      }
      SpecificRecord value = records.toRecord(event, causationId, now);
      String child = value instanceof TrafficCommand ? TRAFFIC_COMMANDS_SINK : ROLLOUTS_SINK;
      context.forward(new Record<>(event.deployment().model(), value, now.toEpochMilli()), child);
    }
  }
}
