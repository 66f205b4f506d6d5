package dev.tollgate.localstack.broker;

import dev.tollgate.localstack.LocalStackException;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.TopicProvisioner;
import dev.tollgate.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates every topic of the catalog, because the broker does not auto-create topics and the
 * services must find them all before they start.
 */
public final class CatalogTopics {

  public static final int PARTITIONS = 3;
  public static final short REPLICATION = 1;

  private CatalogTopics() {}

  /**
   * Creates the missing catalog topics on {@code bootstrap} and returns their names once the broker
   * describes every catalog topic, since a client that asks right after creation may otherwise be
   * told a topic does not exist yet.
   */
  public static List<String> create(String bootstrap, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.CLIENT_ID_CONFIG, "tollgate-local-stack-topics",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
      List<String> created = TopicProvisioner.createMissing(admin, PARTITIONS, REPLICATION);
      awaitDescribed(admin, Topics.all().stream().<String>map(Topic::name).toList(), deadline);
      return created;
    } catch (ExecutionException e) {
      throw new LocalStackException("cannot create the catalog topics on " + bootstrap + ": "
          + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new LocalStackException("Kafka on " + bootstrap + " did not show the topics within "
          + timeout.toSeconds() + " s", e);
    }
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
