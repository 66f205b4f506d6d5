package dev.tollgate.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.schemas.SampleEvents;
import dev.tollgate.schemas.registry.InMemorySchemaRegistryClient;
import dev.tollgate.schemas.serde.AvroSerdeConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopicsTest {

  static List<Topic<?, ?>> publicConstants() {
    return Arrays.stream(Topics.class.getDeclaredFields())
        .filter(f -> Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers()))
        .filter(f -> f.getType() == Topic.class)
        .map(TopicsTest::value)
        .<Topic<?, ?>>map(t -> (Topic<?, ?>) t)
        .toList();
  }

  static Object value(Field field) {
    try {
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void allContainsEveryPublicConstantOnce() {
    List<Topic<?, ?>> constants = publicConstants();

    assertThat(constants).hasSize(14);
    assertThat(Topics.all()).containsExactlyInAnyOrderElementsOf(constants).doesNotHaveDuplicates();
  }

  @Test
  void namesAreUniqueAndLegalKafkaTopicNames() {
    List<String> names = Topics.all().stream().map(Topic::name).toList();

    assertThat(names).doesNotHaveDuplicates().allSatisfy(name -> assertThat(name)
        .matches("[a-zA-Z0-9._-]{1,249}").startsWith("tollgate."));
  }

  @Test
  void lifecycleTopicsShareOneLayoutAndStringKeys() {
    assertThat(Topics.LIFECYCLE).containsExactly(Topics.DEPLOYMENT_REQUESTS, Topics.APPROVALS, Topics.ROLLOUTS,
        Topics.TRAFFIC_COMMANDS, Topics.TRAFFIC_ACKS);
    assertThat(Topics.LIFECYCLE).allSatisfy(topic -> {
      assertThat(topic.layout()).isEqualTo(Topic.Layout.LIFECYCLE);
      assertThat(topic.keyType()).isEqualTo(String.class);
      assertThat(topic.layout().fixedPartitions()).as("follows the cluster's partition count").isZero();
    });
    // HEALTH_SAMPLES and ROLLOUT_COMMANDS join the rollout stream by model name, so they must be co-partitioned too
    assertThat(Topics.HEALTH_SAMPLES.layout()).isEqualTo(Topic.Layout.LIFECYCLE);
    assertThat(Topics.HEALTH_SAMPLE_BATCHES.layout()).isEqualTo(Topic.Layout.LIFECYCLE);
    assertThat(Topics.ROLLOUT_COMMANDS.layout()).isEqualTo(Topic.Layout.LIFECYCLE);
  }

  @Test
  void stateTopicsAreCompacted() {
    assertThat(List.of(Topics.DEPLOYMENT_STATE, Topics.LIVE_VERSIONS)).allSatisfy(topic ->
        assertThat(topic.newTopic(3, (short) 1).configs()).containsEntry("cleanup.policy", "compact"));
  }

  @Test
  void deadLetterTopicsAreDistinctPerServiceAndRawBytes() {
    List<Topic<byte[], byte[]>> dlts = List.of(Topics.APPROVAL_SERVICE_DEAD_LETTERS,
        Topics.ROLLOUT_SERVICE_DEAD_LETTERS, Topics.AUDIT_SERVICE_DEAD_LETTERS);

    assertThat(dlts).extracting(Topic::name).doesNotHaveDuplicates()
        .containsExactly("tollgate.dlt.approval-service", "tollgate.dlt.rollout-service", "tollgate.dlt.audit-service");
    assertThat(dlts).allSatisfy(topic -> {
      assertThat(topic.layout()).isEqualTo(Topic.Layout.DEAD_LETTER);
      assertThat(topic.keyType()).isEqualTo(byte[].class);
      assertThat(topic.valueType()).isEqualTo(byte[].class);
      assertThat(topic.newTopic(3, (short) 1).numPartitions()).isEqualTo(1);
    });
  }

  @Test
  void newTopicFollowsTheClusterPartitionCountUnlessFixed() {
    assertThat(Topics.APPROVALS.newTopic(6, (short) 3).numPartitions()).isEqualTo(6);
    assertThat(Topics.APPROVALS.newTopic(6, (short) 3).replicationFactor()).isEqualTo((short) 3);
  }

  @Test
  void valueSubjectIsConfluentsTopicNameStrategy() {
    assertThat(Topics.all()).allSatisfy(topic -> assertThat(topic.valueSubject()).isEqualTo(topic.name() + "-value"));
  }

  static Stream<Arguments> avroTopics() {
    return Stream.of(
        Arguments.of(Topics.DEPLOYMENT_REQUESTS, SampleEvents.deploymentRequested()),
        Arguments.of(Topics.APPROVALS, SampleEvents.deploymentApproved()),
        Arguments.of(Topics.ROLLOUTS, SampleEvents.rollbackTriggered()),
        Arguments.of(Topics.TRAFFIC_COMMANDS, SampleEvents.trafficCommand()),
        Arguments.of(Topics.HEALTH_SAMPLES, SampleEvents.healthSample()),
        Arguments.of(Topics.HEALTH_SAMPLE_BATCHES, SampleEvents.healthSampleBatch()),
        Arguments.of(Topics.ROLLOUT_COMMANDS, SampleEvents.abortRequested()),
        Arguments.of(Topics.DEPLOYMENT_STATE, SampleEvents.deploymentState()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("avroTopics")
  <V extends SpecificRecord> void serdesFromTheCatalogRoundTripThroughAMockRegistry(Topic<String, V> topic, V event) {
    String scope = "topics-" + UUID.randomUUID();
    Map<String, String> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
    try (Serde<V> values = topic.valueSerde(config); Serde<String> keys = topic.keySerde(config)) {
      byte[] bytes = values.serializer().serialize(topic.name(), event);
      byte[] key = keys.serializer().serialize(topic.name(), "fraud-detector");

      assertThat(values.deserializer().deserialize(topic.name(), bytes)).isEqualTo(event);
      assertThat(keys.deserializer().deserialize(topic.name(), key)).isEqualTo("fraud-detector");
      assertThat(InMemorySchemaRegistryClient.forScope(scope).subjects()).containsExactly(topic.valueSubject());
    } finally {
      InMemorySchemaRegistryClient.dropScope(scope);
    }
  }

  @Test
  void everyAvroTopicHasASampleRoundTripOrIsCoveredElsewhere() {
    // guards the list above: a new Avro topic should get a round trip too
    List<Topic<?, ?>> avro = Topics.all().stream()
        .filter(t -> SpecificRecord.class.isAssignableFrom(t.valueType())).toList();
    List<Object> covered = avroTopics().map(a -> a.get()[0]).toList();

    assertThat(avro).filteredOn(t -> !covered.contains(t)).extracting(Topic::name)
        .containsExactlyInAnyOrder("tollgate.traffic-acks", "tollgate.live-versions", "tollgate.audit-checkpoints");
  }

  @Test
  void stateKeysJoinWithSlashes() {
    assertThat(StateKeys.modelVersion("fraud-detector", "1.4.0", "staging")).isEqualTo("fraud-detector/1.4.0/staging");
    assertThat(StateKeys.live("fraud-detector", "production")).isEqualTo("fraud-detector/production");
  }
}
