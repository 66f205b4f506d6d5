package dev.tollgate.registry.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the registry's topic exists as Confluent's registry needs it: one partition (one total
 * order of writes) and compaction (the latest record per key is the state).
 */
final class SchemasTopic {

  private static final Logger LOG = LoggerFactory.getLogger(SchemasTopic.class);
  private static final int MAX_REPLICATION_FACTOR = 3;

  private SchemasTopic() {}

  static void ensure(Admin admin, String topic, Instant deadline) {
    try {
      if (!exists(admin, topic, deadline)) {
        create(admin, topic, deadline);
      }
      verify(admin, topic, deadline);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot prepare schema topic " + topic + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Timed out preparing schema topic " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while preparing schema topic " + topic, e);
    }
  }

  private static boolean exists(Admin admin, String topic, Instant deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      admin.describeTopics(List.of(topic)).allTopicNames().get(remaining(deadline), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }

  private static void create(Admin admin, String topic, Instant deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    int brokers = admin.describeCluster().nodes().get(remaining(deadline), TimeUnit.MILLISECONDS).size();
    // as many copies as the cluster allows, up to Confluent's default of 3: 1 on a development broker
    short replicationFactor = (short) Math.max(1, Math.min(MAX_REPLICATION_FACTOR, brokers));
    NewTopic newTopic = new NewTopic(topic, 1, replicationFactor)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(newTopic)).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
      LOG.info("Created schema topic {} (1 partition, replication factor {}, compacted)", topic, replicationFactor);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private static void verify(Admin admin, String topic, Instant deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    TopicDescription description = describeWhenVisible(admin, topic, deadline);
    if (description.partitions().size() != 1) {
      throw new IllegalStateException("Schema topic " + topic + " must have exactly 1 partition, has "
          + description.partitions().size());
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all()
        .get(remaining(deadline), TimeUnit.MILLISECONDS).get(resource);
    String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    if (policy == null || !policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)
        || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
      throw new IllegalStateException("Schema topic " + topic + " must have cleanup.policy=compact, has " + policy);
    }
  }

  /** A topic just created may not be in the broker's metadata yet: ask again until the deadline. */
  private static TopicDescription describeWhenVisible(Admin admin, String topic, Instant deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      try {
        return admin.describeTopics(List.of(topic)).allTopicNames()
            .get(remaining(deadline), TimeUnit.MILLISECONDS).get(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  static long remaining(Instant deadline) {
    return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
  }
}
