package dev.tollgate.rollout.state;

import dev.tollgate.rollout.state.domain.DeploymentStateFold;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LifecycleEvent;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.stores.StoreNames;
import dev.tollgate.schemas.topic.StateKeys;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/**
 * Folds every lifecycle record of a model (the input is keyed by model name, so one partition sees
 * all of a model's events in order) into the state of each of its versions, rekeyed
 * {@code model/version/environment}, and tracks the live version per {@code model/environment}.
 * Writes a state record only when the fold changed something, so redelivered events emit nothing.
 * Every change of the live version also goes into the versioned {@link StoreNames#LIVE_HISTORY},
 * stamped with the promotion's time, so "what was live at T" is a point lookup.
 */
public final class DeploymentStateProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

  public static final String DEPLOYMENT_STATE_SINK = "deployment-state-sink";
  public static final String LIVE_VERSIONS_SINK = "live-versions-sink";

  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, DeploymentView> states;
  private KeyValueStore<String, LiveDeployment> live;
  private VersionedKeyValueStore<String, LiveDeployment> liveHistory;

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.states = context.getStateStore(StoreNames.DEPLOYMENT_STATES);
    this.live = context.getStateStore(StoreNames.LIVE_VERSIONS);
    this.liveHistory = context.getStateStore(StoreNames.LIVE_HISTORY);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    LifecycleEventMapping.from(record.value()).ifPresent(event -> apply(event, record.timestamp()));
  }

  private void apply(LifecycleEvent event, long timestamp) {
    String key = StateKeys.modelVersion(event.model(), event.version(), event.environment());
    DeploymentView before = states.get(key);
    DeploymentView after = DeploymentStateFold.apply(before, event);
    if (after.equals(before)) {
      return;
    }
    states.put(key, after);
    context.forward(new Record<>(key, StateRecords.toAvro(after), timestamp), DEPLOYMENT_STATE_SINK);

    String liveKey = StateKeys.live(event.model(), event.environment());
    LiveDeployment liveBefore = live.get(liveKey);
    LiveDeployment liveAfter = LiveDeployment.apply(liveBefore, event);
    if (liveAfter != null && !liveAfter.equals(liveBefore)) {
      live.put(liveKey, liveAfter);
      liveHistory.put(liveKey, liveAfter, liveAfter.since().toEpochMilli());
      context.forward(new Record<>(liveKey, StateRecords.toAvro(liveAfter), timestamp), LIVE_VERSIONS_SINK);
    }
  }
}
