package dev.tollgate.rollout.state;

import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.state.domain.LivePeriod;
import dev.tollgate.rollout.state.domain.VersionStatus;
import dev.tollgate.rollout.stores.StoreNames;
import dev.tollgate.schemas.topic.StateKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.MultiVersionedKeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.apache.kafka.streams.state.VersionedRecordIterator;

/**
 * {@link StateQueries} over this instance's interactive-query stores: all the partitions it runs
 * actively, or only one ({@link #onPartition}) when the caller knows which partition owns the model
 * and must not mistake "not on this instance" for "unknown".
 */
public final class LocalStateQueries implements StateQueries {

  private static final StringSerializer KEYS = new StringSerializer();

  private final Supplier<KafkaStreams> streams;
  private final Integer partition;

  /** {@code streams} may return null before the client is created. */
  public LocalStateQueries(Supplier<KafkaStreams> streams) {
    this(streams, null);
  }

  private LocalStateQueries(Supplier<KafkaStreams> streams, Integer partition) {
    this.streams = streams;
    this.partition = partition;
  }

  /**
   * The same queries restricted to one partition; they fail with {@link StateNotReadyException}
   * when this instance does not run that partition actively (it moved in a rebalance).
   */
  public LocalStateQueries onPartition(int partition) {
    return new LocalStateQueries(streams, partition);
  }

  @Override
  public Optional<DeploymentView> deployment(String model, String version, String environment) {
    return read(() -> Optional.ofNullable(
        this.<DeploymentView>store(StoreNames.DEPLOYMENT_STATES).get(StateKeys.modelVersion(model, version, environment))));
  }

  @Override
  public List<DeploymentView> deployments(String model, String version) {
    // keys are model/version/environment: the trailing slash keeps "1.4" from matching "1.40"
    List<DeploymentView> views = read(() -> scan(store(StoreNames.DEPLOYMENT_STATES), model + "/" + version + "/"));
    views.sort(Comparator.comparing(DeploymentView::environment));
    return views;
  }

  @Override
  public List<LiveDeployment> live(String model) {
    List<LiveDeployment> live = read(() -> scan(store(StoreNames.LIVE_VERSIONS), model + "/"));
    live.sort(Comparator.comparing(LiveDeployment::environment));
    return live;
  }

  @Override
  public Optional<LivePeriod> liveAt(String model, String environment, Instant at) {
    String key = StateKeys.live(model, environment);
    LiveDeployment current = read(() -> this.<LiveDeployment>store(StoreNames.LIVE_VERSIONS).get(key));
    // the live version changes only by a promotion, so the current one answers every instant since
    // its own promotion, also for state older than the history store
    if (current != null && !current.since().isAfter(at)) {
      return Optional.of(LivePeriod.current(current));
    }
    return historyAt(key, at).map(record -> new LivePeriod(record.value(),
        record.validTo().map(Instant::ofEpochMilli).orElse(null)));
  }

  /**
   * The version valid at {@code at}, with the end of its validity. The versioned store answers
   * through interactive queries v2 only, and only its multi-version query reports {@code validTo}.
   */
  private Optional<VersionedRecord<LiveDeployment>> historyAt(String key, Instant at) {
    StateQueryRequest<VersionedRecordIterator<LiveDeployment>> request = StateQueryRequest
        .inStore(StoreNames.LIVE_HISTORY)
        .withQuery(MultiVersionedKeyQuery.<String, LiveDeployment>withKey(key).fromTime(at).toTime(at))
        .requireActive();
    if (partition != null) {
      request = request.withPartitions(Set.of(partition));
    }
    StateQueryResult<VersionedRecordIterator<LiveDeployment>> result;
    try {
      result = client().query(request);
    } catch (StateNotReadyException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StateNotReadyException("the live history is not queryable yet: " + e.getMessage(), e);
    }
    if (partition != null && !result.getPartitionResults().containsKey(partition)) {
      throw new StateNotReadyException("partition " + partition + " of " + StoreNames.LIVE_HISTORY
          + " is not active on this instance", null);
    }
    VersionedRecord<LiveDeployment> found = null;
    String failure = null;
    for (Map.Entry<Integer, QueryResult<VersionedRecordIterator<LiveDeployment>>> entry
        : result.getPartitionResults().entrySet()) {
      QueryResult<VersionedRecordIterator<LiveDeployment>> answer = entry.getValue();
      if (answer.isFailure()) {
        failure = "partition " + entry.getKey() + " of " + StoreNames.LIVE_HISTORY + " cannot answer: "
            + answer.getFailureReason() + " " + answer.getFailureMessage();
        continue;
      }
      try (VersionedRecordIterator<LiveDeployment> records = answer.getResult()) {
        if (records.hasNext()) {
          found = records.next();
        }
      }
    }
    if (found == null && failure != null) {
      throw new StateNotReadyException(failure, null);
    }
    return Optional.ofNullable(found);
  }

  @Override
  public boolean knowsModel(String model) {
    return read(() -> {
      try (KeyValueIterator<String, DeploymentView> it =
          this.<DeploymentView>store(StoreNames.DEPLOYMENT_STATES).prefixScan(model + "/", KEYS)) {
        return it.hasNext();
      }
    });
  }

  @Override
  public Optional<DeploymentView> deploymentById(String deploymentId) {
    return read(() -> {
      try (KeyValueIterator<String, DeploymentView> it = this.<DeploymentView>store(StoreNames.DEPLOYMENT_STATES).all()) {
        while (it.hasNext()) {
          DeploymentView view = it.next().value;
          if (deploymentId.equals(view.deploymentId())) {
            return Optional.of(view);
          }
        }
        return Optional.empty();
      }
    });
  }

  @Override
  public Optional<DeploymentView> active(String model, String environment) {
    List<DeploymentView> views = read(() -> scan(store(StoreNames.DEPLOYMENT_STATES), model + "/"));
    return views.stream()
        .filter(v -> v.environment().equals(environment) && v.status().rank() >= VersionStatus.APPROVED.rank()
            && !v.status().terminal())
        .max(Comparator.comparing(DeploymentView::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
  }

  private KafkaStreams client() {
    KafkaStreams client = streams.get();
    if (client == null) {
      throw new StateNotReadyException("Kafka Streams has not been started", null);
    }
    return client;
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore());
    return client().store(partition == null ? parameters : parameters.withPartition(partition));
  }

  private static <V> List<V> scan(ReadOnlyKeyValueStore<String, V> store, String prefix) {
    List<V> values = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
      it.forEachRemaining(entry -> values.add(entry.value));
    }
    return values;
  }

  private static <T> T read(Supplier<T> query) {
    try {
      return query.get();
    } catch (InvalidStateStoreException e) {
      throw new StateNotReadyException("state stores are not queryable yet: " + e.getMessage(), e);
    }
  }
}
