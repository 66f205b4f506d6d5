package dev.tollgate.rollout.topology;

import dev.tollgate.rollout.controller.RolloutControllerProcessor;
import dev.tollgate.rollout.controller.RolloutRecords;
import dev.tollgate.rollout.samples.BatchReader;
import dev.tollgate.rollout.state.DeploymentStateProcessor;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.stores.JsonStoreSerde;
import dev.tollgate.rollout.stores.LaneHealthSerde;
import dev.tollgate.rollout.stores.StoreNames;
import dev.tollgate.rollout.strategy.RolloutController;
import dev.tollgate.rollout.strategy.RolloutLane;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds rollout-service's topology. Pure: no Spring, no running client; tests drive it with
 * {@code TopologyTestDriver}.
 *
 * <pre>
 * APPROVALS ─────────────┐
 * TRAFFIC_ACKS ──────────┼─▶ rollout-controller [rollout-lanes, lane-health] ─▶ ROLLOUTS, TRAFFIC_COMMANDS
 * ROLLOUT_COMMANDS ──────┤     (wall-clock punctuator: pauses, measurements, bake checks, ack deadlines)
 * HEALTH_SAMPLE_BATCHES ─┘     (written by ingest.HealthIngest from HEALTH_SAMPLES, outside Streams;
 *                                read by samples.BatchReader)
 * APPROVALS ─────────┐
 * DEPLOYMENT_REQUESTS┼─▶ deployment-state [deployment-states, live-versions, live-history] ─▶ DEPLOYMENT_STATE, LIVE_VERSIONS
 * ROLLOUTS ──────────┤        (rekeyed model/version/env and model/env)
 * TRAFFIC_COMMANDS ──┘
 * </pre>
 *
 * All inputs are keyed by model name with one partition count, so both processors see every event of
 * a model on one task, in order, without a repartition. The state fold reads ROLLOUTS and
 * TRAFFIC_COMMANDS back from the topics (not from the controller in memory) so it folds exactly
 * what was committed, whoever wrote it.
 */
public final class RolloutTopology {

  public static final String CONTROLLER = "rollout-controller";
  public static final String DEPLOYMENT_STATE = "deployment-state";

  private static final String APPROVALS_SOURCE = "approvals-source";
  private static final String TRAFFIC_ACKS_SOURCE = "traffic-acks-source";
  private static final String HEALTH_SAMPLES_SOURCE = "health-sample-batches-source";
  private static final String ROLLOUT_COMMANDS_SOURCE = "rollout-commands-source";
  private static final String REQUESTS_SOURCE = "deployment-requests-source";
  private static final String ROLLOUTS_SOURCE = "rollouts-source";
  private static final String TRAFFIC_COMMANDS_SOURCE = "traffic-commands-source";

  private RolloutTopology() {}

  public static Topology build(RolloutTopologyConfig config) {
    Topology topology = new Topology();
    source(topology, APPROVALS_SOURCE, Topics.APPROVALS, config);
    source(topology, TRAFFIC_ACKS_SOURCE, Topics.TRAFFIC_ACKS, config);
    source(topology, HEALTH_SAMPLES_SOURCE, Topics.HEALTH_SAMPLE_BATCHES, config, BatchReader::new);
    source(topology, ROLLOUT_COMMANDS_SOURCE, Topics.ROLLOUT_COMMANDS, config);
    source(topology, REQUESTS_SOURCE, Topics.DEPLOYMENT_REQUESTS, config);
    source(topology, ROLLOUTS_SOURCE, Topics.ROLLOUTS, config);
    source(topology, TRAFFIC_COMMANDS_SOURCE, Topics.TRAFFIC_COMMANDS, config);

    topology.addProcessor(CONTROLLER,
        () -> new RolloutControllerProcessor(
            new RolloutController(config.clock(), config.settings(), config.ids()),
            new RolloutRecords(config.ids()), config.clock(), config.timerInterval(), config.sampleCounts()),
        APPROVALS_SOURCE, TRAFFIC_ACKS_SOURCE, ROLLOUT_COMMANDS_SOURCE, HEALTH_SAMPLES_SOURCE);
    topology.addProcessor(DEPLOYMENT_STATE, DeploymentStateProcessor::new,
        APPROVALS_SOURCE, REQUESTS_SOURCE, ROLLOUTS_SOURCE, TRAFFIC_COMMANDS_SOURCE);

    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ROLLOUT_LANES),
        Serdes.String(), new JsonStoreSerde<>(RolloutLane.class)), CONTROLLER);
    // written once per batch of health samples: the cache folds those writes into one changelog record
    // and one RocksDB write per lane and commit
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.LANE_HEALTH),
        Serdes.String(), new LaneHealthSerde()).withCachingEnabled(), CONTROLLER);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DEPLOYMENT_STATES),
        Serdes.String(), new JsonStoreSerde<>(DeploymentView.class)), DEPLOYMENT_STATE);
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.LIVE_VERSIONS),
        Serdes.String(), new JsonStoreSerde<>(LiveDeployment.class)), DEPLOYMENT_STATE);
    topology.addStateStore(Stores.versionedKeyValueStoreBuilder(
        Stores.persistentVersionedKeyValueStore(StoreNames.LIVE_HISTORY, config.liveHistoryRetention()),
        Serdes.String(), new JsonStoreSerde<>(LiveDeployment.class)), DEPLOYMENT_STATE);

    sink(topology, RolloutControllerProcessor.ROLLOUTS_SINK, Topics.ROLLOUTS, config, CONTROLLER);
    sink(topology, RolloutControllerProcessor.TRAFFIC_COMMANDS_SINK, Topics.TRAFFIC_COMMANDS, config, CONTROLLER);
    sink(topology, DeploymentStateProcessor.DEPLOYMENT_STATE_SINK, Topics.DEPLOYMENT_STATE, config, DEPLOYMENT_STATE);
    sink(topology, DeploymentStateProcessor.LIVE_VERSIONS_SINK, Topics.LIVE_VERSIONS, config, DEPLOYMENT_STATE);
    return topology;
  }

  private static <V> void source(Topology topology, String name, Topic<String, V> topic, RolloutTopologyConfig config) {
    source(topology, name, topic, config, UnaryOperator.identity());
  }

  /** A source whose values are read by {@code reader} around the topic's own deserializer. */
  private static <V> void source(Topology topology, String name, Topic<String, V> topic, RolloutTopologyConfig config,
      UnaryOperator<Deserializer<V>> reader) {
    Serde<String> keys = topic.keySerde(config.serdeConfig());
    Serde<V> values = topic.valueSerde(config.serdeConfig());
    topology.addSource(name, keys.deserializer(), reader.apply(values.deserializer()), topic.name());
  }

  private static <V> void sink(Topology topology, String name, Topic<String, V> topic, RolloutTopologyConfig config,
      String parent) {
    Serde<String> keys = topic.keySerde(config.serdeConfig());
    Serde<V> values = topic.valueSerde(config.serdeConfig());
    topology.addSink(name, topic.name(), keys.serializer(), values.serializer(), parent);
  }
}
