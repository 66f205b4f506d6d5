package dev.tollgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import dev.tollgate.localstack.cli.LocalStackOptions;
import dev.tollgate.schemas.registry.HttpSchemaRegistryClient;
import dev.tollgate.schemas.registry.SchemaRegistryClient;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The infrastructure half of the local stack, started once for the class on a temp data dir. */
class LocalStackInfraIT {

  @TempDir
  static Path tempDir;

  private static LocalStackOptions options;
  private static RunningStack stack;

  @BeforeAll
  static void startStack() {
    options = LocalStackOptions.parse("--infra-only", "--ports", "auto", "--data-dir", tempDir.resolve("stack").toString());
    stack = LocalStack.start(options);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aCommittedTransactionIsReadByAReadCommittedConsumerAndAnAbortedOneIsNot() throws Exception {
    String topic = createTopic("it.transactions");
    try (KafkaProducer<String, String> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "fraud-detector", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "fraud-detector", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "fraud-detector", "committed-2"));
      producer.commitTransaction();
    }

    List<String> values = readAll(topic, 2);

    assertThat(values).containsExactly("committed-1", "committed-2");
  }

  @Test
  void everyCatalogTopicExistsWithItsLayout() throws Exception {
    try (Admin admin = admin()) {
      List<String> names = Topics.all().stream().map(Topic::name).toList();
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();

      for (Topic<?, ?> topic : Topics.all()) {
        assertThat(described.get(topic.name()).partitions()).as(topic.name())
            .hasSize(topic.newTopic(3, (short) 1).numPartitions());
      }
      for (Topic<?, ?> lifecycle : Topics.LIFECYCLE) {
        assertThat(described.get(lifecycle.name()).partitions()).as(lifecycle.name()).hasSize(3);
      }
      assertThat(cleanupPolicy(admin, Topics.DEPLOYMENT_STATE.name())).isEqualTo("compact");
      assertThat(cleanupPolicy(admin, Topics.LIVE_VERSIONS.name())).isEqualTo("compact");
      assertThat(cleanupPolicy(admin, Topics.APPROVALS.name())).isEqualTo("delete");
    }
  }

  @Test
  void theRegistryAnswersWithGlobalCompatibilityBackwardTransitive() {
    SchemaRegistryClient registry = registry();

    assertThat(registry.compatibility(null)).isEqualTo("BACKWARD_TRANSITIVE");
    assertThat(registry.subjects()).isNotNull();
  }

  @Test
  void postgresAcceptsConnectionsToTheServiceDatabases() throws Exception {
    for (String database : List.of("approval", "audit")) {
      try (Connection connection = DriverManager.getConnection(
          stack.postgres().jdbcUrl(database), "postgres", "postgres");
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT current_database()")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo(database);
      }
    }
    assertThat(stack.postgres().pid()).isPositive();
    assertThat(ProcessHandle.of(stack.postgres().pid())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
  }

  @Test
  void stackJsonDescribesTheRunningStack() {
    StackDescriptor written = StackDescriptor.read(stack.descriptorFile());

    assertThat(written.kafka()).isEqualTo(stack.kafkaBootstrap());
    assertThat(written.registry()).isEqualTo(stack.registryUrl());
    assertThat(written.postgres().jdbcUrls()).containsEntry("audit", stack.postgres().jdbcUrl("audit"));
    assertThat(written.services()).isEmpty();
    assertThat(written.simulator().url()).isEqualTo(stack.simulatorUrl().orElseThrow()).startsWith("http://127.0.0.1:");
    assertThat(written.launcherPid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(written.readySeconds()).isPositive();
  }

  @Test
  void aSecondStackOnTheSameDataDirIsRefusedAndTheFirstKeepsRunning() {
    assertThatThrownBy(() -> LocalStack.start(options))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("already running on " + options.dataDir());

    assertThat(stack.descriptorFile()).exists();
    assertThat(registry().compatibility(null)).isEqualTo("BACKWARD_TRANSITIVE");
  }

  @Test
  void schemasRecordsAndRowsSurviveARestartOnTheSameDataDir() throws Exception {
    String subject = "it-restart-" + UUID.randomUUID() + "-value";
    Schema schema = SchemaBuilder.record("RestartProbe").namespace("dev.tollgate.it").fields()
        .requiredString("marker").endRecord();
    int id = registry().register(subject, schema);
    String topic = createTopic("it.restart");
    try (KafkaProducer<String, String> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "fraud-detector", "before-restart"));
      producer.commitTransaction();
    }
    try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("audit"), "postgres", "postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE restart_probe (marker text)");
      statement.execute("INSERT INTO restart_probe VALUES ('before-restart')");
    }

    stack.close();
    assertThat(options.dataDir().resolve(StackDescriptor.FILE_NAME)).doesNotExist();
    stack = LocalStack.start(options);

    SchemaRegistryClient registry = registry();
    assertThat(registry.schemaById(id)).isEqualTo(schema);
    assertThat(registry.latest(subject).id()).isEqualTo(id);
    assertThat(registry.compatibility(null)).isEqualTo("BACKWARD_TRANSITIVE");
    assertThat(readAll(topic, 1)).containsExactly("before-restart");
    try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl("audit"), "postgres", "postgres");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT marker FROM restart_probe")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("before-restart");
    }
    assertThat(Files.exists(stack.descriptorFile())).isTrue();
  }

  @Test
  void theServingSimulatorAcknowledgesATrafficCommandAndReportsHealthOfTheVersionsItServes() throws Exception {
    String model = "sim-probe-" + UUID.randomUUID();
    Map<String, Object> serdeConfig = Map.of("schema.registry.url", stack.registryUrl());
    TrafficCommand command = TrafficCommand.newBuilder()
        .setEnvelope(Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
            .setActor("system:rollout-service").setDeploymentId("d-1").setModelName(model).setModelVersion("2.0.0")
            .setEnvironment("staging").build())
        .setCommandId("cmd-" + UUID.randomUUID())
        .setWeights(List.of(new VersionWeight("2.0.0", 20), new VersionWeight("1.0.0", 80)))
        .setAckDeadline(Instant.now().plusSeconds(30))
        .build();
    try (KafkaProducer<String, TrafficCommand> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()), new StringSerializer(),
        Topics.TRAFFIC_COMMANDS.valueSerde(serdeConfig).serializer())) {
      producer.send(new ProducerRecord<>(Topics.TRAFFIC_COMMANDS.name(), model, command)).get();
    }

    TrafficAck ack = awaitRecord(Topics.TRAFFIC_ACKS, serdeConfig, a -> a.getCommandId().equals(command.getCommandId()));
    assertThat(ack.getApplied()).isTrue();
    assertThat(ack.getEnvelope().getCausationId()).isEqualTo(command.getEnvelope().getEventId());
    assertThat(ack.getEnvelope().getActor()).isEqualTo("system:serving-simulator");
    HealthSample candidate = awaitRecord(Topics.HEALTH_SAMPLES, serdeConfig,
        h -> h.getEnvelope().getModelName().equals(model) && h.getEnvelope().getModelVersion().equals("2.0.0"));
    HealthSample baseline = awaitRecord(Topics.HEALTH_SAMPLES, serdeConfig,
        h -> h.getEnvelope().getModelName().equals(model) && h.getEnvelope().getModelVersion().equals("1.0.0"));
    assertThat(candidate.getRequestCount()).as("a fifth of the traffic against four fifths").isLessThan(baseline.getRequestCount());
    assertThat(candidate.getEnvelope().getEnvironment()).isEqualTo("staging");
  }

  /** The first committed record of {@code topic} (all partitions, from the start) matching {@code wanted}. */
  private static <V> V awaitRecord(Topic<String, V> topic, Map<String, Object> serdeConfig,
      java.util.function.Predicate<V> wanted) {
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), topic.valueSerde(serdeConfig).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<V> found = new ArrayList<>();
      await(topic.name()).atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (found.isEmpty() && wanted.test(record.value())) {
            found.add(record.value());
          }
        }
        return !found.isEmpty();
      });
      return found.get(0);
    }
  }

  private static SchemaRegistryClient registry() {
    return new HttpSchemaRegistryClient(List.of(stack.registryUrl()), null);
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
  }

  private static String createTopic(String prefix) throws Exception {
    String name = prefix + "." + UUID.randomUUID();
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
    }
    return name;
  }

  private static String cleanupPolicy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get("cleanup.policy").value();
  }

  private static KafkaProducer<String, String> transactionalProducer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID(),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
        new StringSerializer(), new StringSerializer());
  }

  /** Every committed value of the single-partition topic, once at least {@code expected} are there. */
  private static List<String> readAll(String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
        return values.size() >= expected;
      });
      // one more poll: nothing beyond what was committed may show up
      consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
    }
    return values;
  }
}
