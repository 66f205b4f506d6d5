package dev.tollgate.rollout.state.routing;

import dev.tollgate.rollout.state.LocalStateQueries;
import dev.tollgate.rollout.state.StateNotReadyException;
import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.stores.StoreNames;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Routes by Kafka Streams' metadata. The stores are keyed {@code model/version/environment} and
 * {@code model/environment}, but each lives on the task of the input partition its model hashes to
 * (every input topic is keyed by model name, with one partition count). So the owner of a model's
 * state is the owner of the model name's partition: {@code queryMetadataForKey} with the model name
 * and the default partitioner's hash, which is what the producers of the input topics use.
 *
 * <p>Deployment ids are not keys: a lookup scans this instance and then asks every other instance
 * to scan its own. A second index (id to model) would have to be global, a topic and a store on
 * every instance for the rare operator call; a fan-out to a handful of instances costs one HTTP
 * call each.
 */
public final class InstanceRouter implements StateRouter {

  private static final StringSerializer MODEL_KEYS = new StringSerializer();

  private final Supplier<KafkaStreams> streams;
  private final Supplier<HostInfo> self;
  private final LocalStateQueries local;
  private final Function<HostInfo, StateQueries> remotes;

  /**
   * @param self this instance's {@code application.server}
   * @param remotes the queries of another instance, over HTTP
   */
  public InstanceRouter(Supplier<KafkaStreams> streams, Supplier<HostInfo> self, LocalStateQueries local,
      Function<HostInfo, StateQueries> remotes) {
    this.streams = streams;
    this.self = self;
    this.local = local;
    this.remotes = remotes;
  }

  @Override
  public <T> Answer<T> ask(String model, Function<StateQueries, T> query) {
    KeyQueryMetadata owner = owner(model);
    HostInfo here = self.get();
    if (owner.activeHost().equals(here)) {
      return new Answer<>(query.apply(local.onPartition(owner.partition())), describe(here));
    }
    return new Answer<>(query.apply(remotes.apply(owner.activeHost())), describe(owner.activeHost()));
  }

  @Override
  public StateQueries owned(String model) {
    KeyQueryMetadata owner = owner(model);
    if (!owner.activeHost().equals(self.get())) {
      throw new StateNotReadyException("the state of " + model + " is on " + describe(owner.activeHost())
          + " now, not here (it moved in a rebalance)", null);
    }
    return local.onPartition(owner.partition());
  }

  @Override
  public StateQueries local() {
    return local;
  }

  @Override
  public Optional<DeploymentView> deploymentById(String deploymentId) {
    Optional<DeploymentView> here = local.deploymentById(deploymentId);
    if (here.isPresent()) {
      return here;
    }
    KafkaStreams client = client();
    if (client.state() != KafkaStreams.State.RUNNING) {
      // partitions may be between owners: "not found" could be wrong
      throw new StateNotReadyException("Kafka Streams is " + client.state(), null);
    }
    StateNotReadyException unanswered = null;
    for (StreamsMetadata instance : client.streamsMetadataForStore(StoreNames.DEPLOYMENT_STATES)) {
      if (instance.hostInfo().equals(self.get())) {
        continue;
      }
      try {
        Optional<DeploymentView> there = remotes.apply(instance.hostInfo()).deploymentById(deploymentId);
        if (there.isPresent()) {
          return there;
        }
      } catch (StateNotReadyException e) {
        unanswered = e;
      }
    }
    if (unanswered != null) {
      throw unanswered;
    }
    return Optional.empty();
  }

  private KeyQueryMetadata owner(String model) {
    KeyQueryMetadata owner;
    try {
      owner = client().queryMetadataForKey(StoreNames.DEPLOYMENT_STATES, model, MODEL_KEYS);
    } catch (RuntimeException e) {
      // not started yet, or the store is not known to the metadata yet
      throw new StateNotReadyException("cannot tell which instance owns " + model + ": " + e.getMessage(), e);
    }
    if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)
        || owner.activeHost().equals(HostInfo.unavailable())) {
      throw new StateNotReadyException("no instance owns " + model + " right now (rebalancing)", null);
    }
    return owner;
  }

  private KafkaStreams client() {
    KafkaStreams client = streams.get();
    if (client == null) {
      throw new StateNotReadyException("Kafka Streams has not been started", null);
    }
    return client;
  }

  private static String describe(HostInfo host) {
    return host.host() + ":" + host.port();
  }
}
