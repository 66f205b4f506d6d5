package dev.tollgate.bench;

import dev.tollgate.schemas.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A read_committed consumer of every partition of a topic, positioned at its end: it sees what comes next. */
public final class TopicTail {

  private TopicTail() {}

  public static <V> KafkaConsumer<String, V> of(RunningStack stack, Topic<String, V> topic) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        "schema.registry.url", stack.registryUrl());
    KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        topic.valueSerde(config).deserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, not at the first poll
    return consumer;
  }
}
