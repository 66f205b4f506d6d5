package dev.tollgate.rollout.state;

import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.state.domain.VersionStatus;
import dev.tollgate.rollout.stores.StoreNames;
import dev.tollgate.schemas.topic.StateKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link StateQueries} over this instance's interactive-query stores. With one instance (the local
 * stack) that is all the state; with several, queries for models whose partitions live elsewhere
 * need forwarding, which a later implementation adds around this one.
 */
public final class LocalStateQueries implements StateQueries {

  private static final StringSerializer KEYS = new StringSerializer();

  private final Supplier<KafkaStreams> streams;

  /** {@code streams} may return null before the client is created. */
  public LocalStateQueries(Supplier<KafkaStreams> streams) {
    this.streams = streams;
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

  private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
    KafkaStreams client = streams.get();
    if (client == null) {
      throw new StateNotReadyException("Kafka Streams has not been started", null);
    }
    return client.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
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
