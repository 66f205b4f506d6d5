package dev.tollgate.schemas.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the catalog's topics that a cluster lacks. Used by local-stack, and by docker-compose's
 * {@code create-topics} job: {@code --bootstrap-servers=HOST:PORT --partitions=N --replication-factor=N}.
 */
public final class TopicProvisioner {

  private TopicProvisioner() {}

  /** Creates the missing catalog topics; returns the names it created. */
  public static List<String> createMissing(Admin admin, int partitions, short replicationFactor)
      throws ExecutionException, InterruptedException {
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.all()) {
      if (!existing.contains(topic.name())) {
        missing.add(topic.newTopic(partitions, replicationFactor));
      }
    }
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get();
    }
    return missing.stream().map(NewTopic::name).toList();
  }

  public static void main(String[] args) throws Exception {
    String bootstrap = option(args, "bootstrap-servers", "127.0.0.1:19092");
    int partitions = Integer.parseInt(option(args, "partitions", "3"));
    short replication = Short.parseShort(option(args, "replication-factor", "1"));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<String> created = createMissing(admin, partitions, replication);
      System.out.println("created " + created.size() + " topic(s)" + (created.isEmpty() ? "" : ": " + created));
    }
  }

  private static String option(String[] args, String name, String fallback) {
    for (String arg : args) {
      if (arg.startsWith("--" + name + "=")) {
        return arg.substring(name.length() + 3);
      }
    }
    return fallback;
  }
}
