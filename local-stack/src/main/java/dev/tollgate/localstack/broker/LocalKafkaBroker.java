package dev.tollgate.localstack.broker;

import dev.tollgate.localstack.LocalStackException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka in KRaft combined mode (broker and controller in one), running inside this
 * JVM. Its log dir is formatted once; afterwards the same dir is reused, so topics, offsets and
 * schemas survive a restart.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private LocalKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts the broker in {@code dir} and returns once a transactional producer has had a record
   * acknowledged, which proves the controller, the broker and the transaction coordinator work.
   */
  public static LocalKafkaBroker start(Path dir, int port, int controllerPort, Duration timeout) {
    Path logDir = dir.resolve("data");
    Properties props = properties(logDir, port, controllerPort);
    writeProperties(dir.resolve("server.properties"), props);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(dir.resolve("server.properties"));
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    String bootstrap = "127.0.0.1:" + port;
    LocalKafkaBroker broker = new LocalKafkaBroker(server, bootstrap);
    try {
      server.startup();
      BrokerReadiness.await(bootstrap, timeout);
      return broker;
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /** Broker properties for one node on loopback; public for the docs in the report and for tests. */
  static Properties properties(Path logDir, int port, int controllerPort) {
    Map<String, String> config = new TreeMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", "1");
    // a static single-voter quorum: the voter set lives in config, so --ports auto may move the
    // controller port between restarts of the same data dir
    config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    config.put("controller.listener.names", "CONTROLLER");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("log.dirs", logDir.toString());
    config.put("auto.create.topics.enable", "false");
    config.put("num.partitions", "3");
    config.put("default.replication.factor", "1");
    config.put("min.insync.replicas", "1");
    // one broker: internal topics cannot have more replicas; one partition each makes the first
    // consumer group and the first transaction quick to set up
    config.put("offsets.topic.replication.factor", "1");
    config.put("offsets.topic.num.partitions", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("transaction.state.log.num.partitions", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    // the cleaner allocates this buffer on the heap up front (default 128 MB); local topics are tiny
    config.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    Properties props = new Properties();
    props.putAll(config);
    return props;
  }

  private static void writeProperties(Path file, Properties props) {
    try {
      Files.createDirectories(file.getParent());
      StringBuilder text = new StringBuilder("# written by the Tollgate local stack on every start\n");
      new TreeMap<>(props).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
      Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LocalStackException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** What {@code kafka-storage format -t <id> -c <file>} does, once per data dir. */
  private static void format(Path propertiesFile) {
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status;
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propertiesFile.toString()}, print);
    } catch (RuntimeException e) {
      throw new LocalStackException("formatting the Kafka log dir failed: " + e.getMessage() + " " + text(out), e);
    }
    if (status != 0) {
      throw new LocalStackException("formatting the Kafka log dir failed (status " + status + "): " + text(out));
    }
    log.info("Formatted Kafka storage, cluster id {}: {}", clusterId, text(out));
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8).trim();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Kafka broker did not shut down cleanly", e);
    }
  }
}
