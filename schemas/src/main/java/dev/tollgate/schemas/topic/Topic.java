package dev.tollgate.schemas.topic;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic: its name, how its keys and values are (de)serialized, and how it is laid out.
 * The only place a topic name is spelled is {@link Topics}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(
    String name,
    Class<K> keyType,
    Class<V> valueType,
    Supplier<Serde<K>> keySerdeFactory,
    Supplier<Serde<V>> valueSerdeFactory,
    Layout layout) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerdeFactory, "keySerdeFactory");
    Objects.requireNonNull(valueSerdeFactory, "valueSerdeFactory");
    Objects.requireNonNull(layout, "layout");
  }

  /** A new key serde, configured with the client config (schema.registry.url and friends). */
  public Serde<K> keySerde(Map<String, ?> clientConfig) {
    Serde<K> serde = keySerdeFactory.get();
    serde.configure(clientConfig, true);
    return serde;
  }

  /** A new value serde, configured with the client config (schema.registry.url and friends). */
  public Serde<V> valueSerde(Map<String, ?> clientConfig) {
    Serde<V> serde = valueSerdeFactory.get();
    serde.configure(clientConfig, false);
    return serde;
  }

  /** Confluent's default subject for this topic's values (TopicNameStrategy). */
  public String valueSubject() {
    return name + "-value";
  }

  /** The admin request that creates this topic with the given partition count and replication. */
  public NewTopic newTopic(int partitions, short replicationFactor) {
    int count = layout.fixedPartitions() > 0 ? layout.fixedPartitions() : partitions;
    return new NewTopic(name, count, replicationFactor).configs(layout.configs());
  }

  /**
   * How a topic is laid out on the broker.
   *
   * @param fixedPartitions partition count that must not follow the cluster default (0: follow it)
   * @param configs topic-level configs, e.g. cleanup.policy
   */
  public record Layout(int fixedPartitions, Map<String, String> configs) {
    public static final Layout LIFECYCLE = new Layout(0, Map.of());
    public static final Layout COMPACTED = new Layout(0, Map.of("cleanup.policy", "compact"));
    public static final Layout DEAD_LETTER = new Layout(1, Map.of("retention.ms", String.valueOf(30L * 24 * 3600 * 1000)));
  }
}
