package dev.tollgate.localstack.broker;

import dev.tollgate.localstack.LocalStackException;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates every topic of the catalog, because the broker does not auto-create topics and the
 * services must find them all before they start.
 */
public final class CatalogTopics {

  public static final int PARTITIONS = 3;
  public static final short REPLICATION = 1;

  private CatalogTopics() {}

  /** Creates the missing catalog topics on {@code bootstrap}; returns the names it created. */
  public static List<String> create(String bootstrap, Duration timeout) {
    List<NewTopic> wanted = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.all()) {
      wanted.add(topic.newTopic(PARTITIONS, REPLICATION));
    }
    return ensure(bootstrap, wanted, timeout);
  }

  /**
   * Creates the missing topics and returns once the broker describes every one of them, since a
   * client that asks right after creation may otherwise be told the topic does not exist yet.
   */
  public static List<String> ensure(String bootstrap, List<NewTopic> wanted, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<String> created = new ArrayList<>();
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.CLIENT_ID_CONFIG, "tollgate-local-stack-topics",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
      for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(wanted).values().entrySet()) {
        try {
          result.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
          created.add(result.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new LocalStackException("cannot create topic " + result.getKey() + " on " + bootstrap + ": "
                + e.getCause().getMessage(), e);
          }
        }
      }
      awaitDescribed(admin, wanted.stream().map(NewTopic::name).toList(), deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new LocalStackException("Kafka on " + bootstrap + " did not create the topics within "
          + timeout.toSeconds() + " s", e);
    }
    return created;
  }

  private static void awaitDescribed(Admin admin, List<String> names, Instant deadline)
      throws InterruptedException, TimeoutException {
    while (true) {
      try {
        admin.describeTopics(names).allTopicNames().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || Instant.now().isAfter(deadline)) {
          throw new LocalStackException("topics " + names + " are not visible: " + e.getCause().getMessage(), e);
        }
        Thread.sleep(100);
      }
    }
  }

  private static long remainingMillis(Instant deadline) {
    return Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
  }
}
