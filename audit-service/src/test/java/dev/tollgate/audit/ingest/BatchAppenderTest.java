package dev.tollgate.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.audit.chain.ChainReport;
import dev.tollgate.audit.support.Events;
import dev.tollgate.audit.support.TestDatabase;
import dev.tollgate.audit.verify.ChainStore;
import dev.tollgate.audit.checkpoint.CheckpointStore;
import dev.tollgate.audit.checkpoint.SigningKeys;
import dev.tollgate.audit.checkpoint.SigningProperties;
import dev.tollgate.audit.verify.ChainVerification;
import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatchAppenderTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  @RegisterExtension
  static final TestDatabase db = new TestDatabase();

  private final Events events = new Events();
  private final Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private MockProducer<byte[], byte[]> dlt;

  private static ExecutorService secondWriter;

  @BeforeAll
  static void startSecondWriter() {
    secondWriter = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stopSecondWriter() {
    secondWriter.shutdownNow();
  }

  @BeforeEach
  void clean() {
    db.truncate();
    dlt = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private BatchAppender appender() {
    return new BatchAppender(new TrailStore(db.jdbc()), db.transactions(), new RecordDecoder(events.serdeConfig()),
        new DeadLetterPublisher(dlt, Duration.ofSeconds(5)), new IngestMetrics(meters), clock);
  }

  private BatchAppender twoWriters() {
    return new BatchAppender(new TrailStore(db.jdbc()), db.transactions(), new RecordDecoder(events.serdeConfig()),
        new DeadLetterPublisher(dlt, Duration.ofSeconds(5)), new IngestMetrics(meters), clock, 2, secondWriter);
  }

  private List<ConsumerRecord<byte[], byte[]>> lifecycleBatch() {
    return List.of(
        events.record(Topics.DEPLOYMENT_REQUESTS, 0, 5, Events.requested(Events.envelope("e-1", T0, "dep-1", "1.4.0"))),
        events.record(Topics.APPROVALS, 0, 17, Events.granted(Events.envelope("e-2", T0.plusSeconds(1), "dep-1", "1.4.0"))),
        events.record(Topics.APPROVALS, 0, 18, Events.approved(Events.envelope("e-3", T0.plusSeconds(1), "dep-1", "1.4.0"))),
        events.record(Topics.TRAFFIC_COMMANDS, 2, 3,
            Events.traffic(Events.envelope("e-4", T0.plusSeconds(2), "dep-1", "1.4.0"), T0.plusSeconds(60))));
  }

  @Test
  void appendsEveryRecordWithItsOffsetsAndChainInOneBatch() {
    BatchAppender.BatchResult result = appender().append(lifecycleBatch());

    assertThat(result).isEqualTo(new BatchAppender.BatchResult(4, 0, 0, 0));
    assertThat(db.jdbc().queryForList(
        "SELECT event_type FROM audit_event ORDER BY chain_id, chain_seq", String.class))
        .containsExactly("ApprovalGranted", "DeploymentApproved", "DeploymentRequested", "TrafficCommand");
    assertThat(db.jdbc().queryForList(
        "SELECT topic || '/' || partition || '=' || next_offset || '#' || chain_seq FROM consumer_offset ORDER BY topic",
        String.class)).containsExactly(
        Topics.APPROVALS.name() + "/0=19#2",
        Topics.DEPLOYMENT_REQUESTS.name() + "/0=6#1",
        Topics.TRAFFIC_COMMANDS.name() + "/2=4#1");
    Map<String, Object> row = db.jdbc().queryForMap(
        "SELECT * FROM audit_event WHERE event_id = 'e-1'");
    assertThat(row).containsEntry("chain_id", Topics.DEPLOYMENT_REQUESTS.name() + "-0")
        .containsEntry("chain_seq", 1L).containsEntry("kafka_offset", 5L).containsEntry("actor", "ci:pipeline")
        .containsEntry("deployment_id", "dep-1").containsEntry("model_name", "fraud-detector")
        .containsEntry("model_version", "1.4.0").containsEntry("environment", "staging");
    assertThat((byte[]) row.get("value_avro")).isEqualTo(lifecycleBatch().get(0).value());
    assertThat(row.get("schema_id")).isEqualTo(java.nio.ByteBuffer.wrap(lifecycleBatch().get(0).value(), 1, 4).getInt());
    assertThat(meters.counter("tollgate.audit.records.ingested", "topic", Topics.APPROVALS.name()).count()).isEqualTo(2);
    assertThat(verifyAll()).allMatch(ChainReport::valid).hasSize(3);
  }

  @Test
  void storesThePayloadAsPlainJsonWithUnionBranchesNamed() {
    appender().append(lifecycleBatch());

    String requested = db.jdbc().queryForObject(
        "SELECT payload::text FROM audit_event WHERE event_id = 'e-1'", String.class);
    assertThat(requested)
        .contains("\"type\": \"DeploymentRequested\"")
        .contains("\"artifactDigest\": \"" + Events.DIGEST + "\"")
        .contains("\"occurredAt\": \"" + T0 + "\"")
        .contains("{\"type\": \"SetWeightStep\", \"weight\": 20}")
        .contains("\"durationSeconds\": 1")
        .contains("\"kind\": \"CANARY\"")
        .doesNotContain("\"string\"").doesNotContain("\"long\"");
    assertThat(db.jdbc().queryForObject(
        "SELECT payload #>> '{payload,source,commitAuthor}' FROM audit_event WHERE event_id = 'e-1'", String.class))
        .isEqualTo("dave");
    assertThat(db.jdbc().queryForObject(
        "SELECT payload ->> 'ackDeadline' FROM audit_event WHERE event_id = 'e-4'", String.class))
        .isEqualTo(T0.plusSeconds(60).toString());
  }

  @Test
  void replayingABatchAfterACrashWritesNoDuplicate() {
    appender().append(lifecycleBatch());

    // a new appender is a restarted service: it knows only what the database holds
    BatchAppender restarted = appender();
    Map<TopicPartition, OptionalLong> positions = restarted.resume(List.of(
        new TopicPartition(Topics.APPROVALS.name(), 0), new TopicPartition(Topics.ROLLOUTS.name(), 0)));
    BatchAppender.BatchResult replay = restarted.append(lifecycleBatch());

    assertThat(positions).containsEntry(new TopicPartition(Topics.APPROVALS.name(), 0), OptionalLong.of(19))
        .containsEntry(new TopicPartition(Topics.ROLLOUTS.name(), 0), OptionalLong.empty());
    assertThat(replay).isEqualTo(new BatchAppender.BatchResult(0, 0, 0, 4));
    assertThat(count("audit_event")).isEqualTo(4);
    assertThat(count("unreadable_record")).isZero();
    assertThat(verifyAll()).allMatch(ChainReport::valid);
  }

  @Test
  void aBatchOverlappingTheStoredPositionAppendsOnlyTheNewRecords() {
    BatchAppender appender = appender();
    appender.append(lifecycleBatch().subList(0, 2));

    BatchAppender.BatchResult result = appender().append(lifecycleBatch());

    assertThat(result).isEqualTo(new BatchAppender.BatchResult(2, 0, 0, 2));
    assertThat(count("audit_event")).isEqualTo(4);
    assertThat(verifyAll()).allMatch(ChainReport::valid);
  }

  @Test
  void aFailingPartitionRollsBackTheWholeBatch() {
    BatchAppender appender = appender();
    appender.resume(List.of(new TopicPartition(Topics.TRAFFIC_COMMANDS.name(), 2)));
    // another writer records the partition after we read its position: our compare-and-set must fail
    db.jdbc().update("INSERT INTO consumer_offset VALUES (?, 2, 1, 0, ?, now())",
        Topics.TRAFFIC_COMMANDS.name(), new byte[32]);

    assertThatThrownBy(() -> appender.append(lifecycleBatch())).isInstanceOf(ConcurrentAppendException.class);

    assertThat(count("audit_event")).isZero();
    assertThat(count("consumer_offset")).isEqualTo(1);
    assertThat(meters.find("tollgate.audit.records.ingested").counters()).allMatch(c -> c.count() == 0);
  }

  @Test
  void unreadableRecordsAreDeadLetteredRecordedAndSkipped() {
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    byte[] unknownSchema = {0, 0, 0, 0x7f, 0x7f, 1, 2, 3};
    List<ConsumerRecord<byte[], byte[]>> batch = List.of(
        Events.raw(Topics.ROLLOUTS, 1, 10, garbage),
        Events.raw(Topics.ROLLOUTS, 1, 11, unknownSchema),
        Events.raw(Topics.ROLLOUTS, 1, 12, null),
        events.record(Topics.ROLLOUTS, 1, 13, Events.promoted(Events.envelope("e-9", T0, "dep-1", "1.4.0"))));

    BatchAppender.BatchResult result = appender().append(batch);

    assertThat(result).isEqualTo(new BatchAppender.BatchResult(1, 3, 0, 0));
    assertThat(db.jdbc().queryForList(
        "SELECT kafka_offset || ':' || reason || ':' || dead_lettered || ':' || chain_seq FROM unreadable_record ORDER BY kafka_offset",
        String.class)).containsExactly(
        "10:wrong-magic-byte:true:1", "11:unknown-schema-id:true:2", "12:InvalidEventException:true:3");
    assertThat(db.jdbc().queryForObject("SELECT chain_seq FROM audit_event WHERE event_id = 'e-9'", Long.class))
        .isEqualTo(4);
    assertThat(db.jdbc().queryForObject("SELECT next_offset FROM consumer_offset", Long.class)).isEqualTo(14);

    List<ProducerRecord<byte[], byte[]>> letters = dlt.history();
    assertThat(letters).hasSize(3).allMatch(l -> l.topic().equals(Topics.AUDIT_SERVICE_DEAD_LETTERS.name()));
    ProducerRecord<byte[], byte[]> first = letters.get(0);
    assertThat(first.value()).isEqualTo(garbage);
    assertThat(first.key()).isEqualTo("fraud-detector".getBytes(StandardCharsets.UTF_8));
    assertThat(DeadLetter.header(first.headers(), DeadLetter.REASON)).isEqualTo("wrong-magic-byte");
    assertThat(DeadLetter.header(first.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.ROLLOUTS.name());
    assertThat(DeadLetter.header(first.headers(), DeadLetter.SOURCE_PARTITION)).isEqualTo("1");
    assertThat(DeadLetter.header(first.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("10");
    assertThat(DeadLetter.header(first.headers(), DeadLetter.CONSUMER)).isEqualTo("audit-service");
    assertThat(DeadLetter.header(first.headers(), DeadLetter.FAILED_AT)).isEqualTo(clock.instant().toString());
    assertThat(DeadLetter.header(letters.get(1).headers(), DeadLetter.REASON)).isEqualTo("unknown-schema-id");
    assertThat(meters.counter("tollgate.audit.records.unreadable", "topic", Topics.ROLLOUTS.name()).count()).isEqualTo(3);
    assertThat(verifyAll()).singleElement().satisfies(r -> {
      assertThat(r.valid()).isTrue();
      assertThat(r.events()).isEqualTo(4);
    });
  }

  @Test
  void whenTheDeadLetterIsNotAcknowledgedNothingIsCommitted() {
    dlt.sendException = new KafkaException("broker gone");
    List<ConsumerRecord<byte[], byte[]>> batch = List.of(
        events.record(Topics.ROLLOUTS, 0, 0, Events.promoted(Events.envelope("e-1", T0, "dep-1", "1.4.0"))),
        Events.raw(Topics.ROLLOUTS, 0, 1, new byte[] {1, 2, 3}));
    BatchAppender appender = appender();

    assertThatThrownBy(() -> appender.append(batch)).isInstanceOf(KafkaException.class);
    assertThat(count("audit_event") + count("unreadable_record") + count("consumer_offset")).isZero();

    dlt.sendException = null;
    assertThat(appender.append(batch)).isEqualTo(new BatchAppender.BatchResult(1, 1, 0, 0));
  }

  @Test
  void aReSentEventIdIsRecordedAsDuplicateNotAppendedTwice() {
    var envelope = Events.envelope("e-" + UUID.randomUUID(), T0, "dep-1", "1.4.0");
    BatchAppender appender = appender();
    appender.append(List.of(events.record(Topics.APPROVALS, 2, 0, Events.granted(envelope))));

    BatchAppender.BatchResult result = appender.append(List.of(
        events.record(Topics.APPROVALS, 2, 1, Events.granted(envelope)),
        events.record(Topics.APPROVALS, 2, 2, Events.approved(Events.envelope("e-other", T0, "dep-1", "1.4.0")))));

    assertThat(result).isEqualTo(new BatchAppender.BatchResult(1, 0, 1, 0));
    assertThat(count("audit_event")).isEqualTo(2);
    assertThat(db.jdbc().queryForMap("SELECT reason, dead_lettered, chain_seq FROM unreadable_record"))
        .containsEntry("reason", "duplicate-event-id").containsEntry("dead_lettered", false)
        .containsEntry("chain_seq", 2L);
    assertThat(dlt.history()).isEmpty();
    assertThat(verifyAll()).allMatch(ChainReport::valid);
  }

  @Test
  void anEventIdTwiceInOneBatchIsAppendedOnceAndTheSecondCopyIsADuplicateLink() {
    var envelope = Events.envelope("e-" + UUID.randomUUID(), T0, "dep-1", "1.4.0");

    BatchAppender.BatchResult result = appender().append(List.of(
        events.record(Topics.APPROVALS, 1, 0, Events.granted(envelope)),
        events.record(Topics.APPROVALS, 2, 0, Events.approved(Events.envelope("e-x", T0, "dep-1", "1.4.0"))),
        events.record(Topics.APPROVALS, 2, 1, Events.granted(envelope))));

    assertThat(result).isEqualTo(new BatchAppender.BatchResult(2, 0, 1, 0));
    assertThat(count("audit_event")).isEqualTo(2);
    assertThat(db.jdbc().queryForMap("SELECT chain_id, chain_seq, message FROM unreadable_record"))
        .containsEntry("chain_id", Topics.APPROVALS.name() + "-2").containsEntry("chain_seq", 2L)
        .hasEntrySatisfying("message", m -> assertThat((String) m).endsWith(Topics.APPROVALS.name() + "/1@0"));
    assertThat(db.jdbc().queryForList("SELECT topic || '-' || partition || ':' || next_offset || ':' || chain_seq"
        + " FROM consumer_offset ORDER BY partition", String.class))
        .containsExactly(Topics.APPROVALS.name() + "-1:1:1", Topics.APPROVALS.name() + "-2:2:2");
    assertThat(verifyAll()).hasSize(2).allMatch(ChainReport::valid);
  }

  @Test
  void twoWritersSplitTheBatchByPartitionAndEveryChainStaysInOrder() {
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
    for (int partition = 0; partition < 3; partition++) {
      for (int offset = 0; offset < 5; offset++) {
        batch.add(events.record(Topics.APPROVALS, partition, offset, Events.granted(
            Events.envelope("e-" + partition + "-" + offset, T0.plusSeconds(offset), "dep-" + partition, "1.4.0"))));
      }
    }

    BatchAppender.BatchResult result = twoWriters().append(batch);

    assertThat(result).isEqualTo(new BatchAppender.BatchResult(15, 0, 0, 0));
    assertThat(db.jdbc().queryForList("SELECT chain_id || ':' || string_agg(kafka_offset || '/' || chain_seq, ','"
        + " ORDER BY chain_seq) FROM audit_event GROUP BY chain_id ORDER BY chain_id", String.class))
        .containsExactly(Topics.APPROVALS.name() + "-0:0/1,1/2,2/3,3/4,4/5",
            Topics.APPROVALS.name() + "-1:0/1,1/2,2/3,3/4,4/5", Topics.APPROVALS.name() + "-2:0/1,1/2,2/3,3/4,4/5");
    assertThat(verifyAll()).hasSize(3).allMatch(ChainReport::valid);
  }

  @Test
  void whenOneWriterFailsTheOtherCommitsAndAResumedReplayAppendsOnlyWhatIsMissing() {
    BatchAppender appender = twoWriters();
    appender.resume(List.of(new TopicPartition(Topics.TRAFFIC_COMMANDS.name(), 2)));
    // the shard holding traffic-commands-2 finds its stored position moved under it; the approvals shard does not
    db.jdbc().update("INSERT INTO consumer_offset VALUES (?, 2, 1, 0, ?, now())",
        Topics.TRAFFIC_COMMANDS.name(), new byte[32]);

    assertThatThrownBy(() -> appender.append(lifecycleBatch())).isInstanceOf(ConcurrentAppendException.class);
    assertThat(db.jdbc().queryForList("SELECT event_id FROM audit_event ORDER BY event_id", String.class))
        .containsExactly("e-2", "e-3");

    BatchAppender resumed = twoWriters();
    resumed.resume(lifecycleBatch().stream().map(r -> new TopicPartition(r.topic(), r.partition())).distinct().toList());
    assertThat(resumed.append(lifecycleBatch())).isEqualTo(new BatchAppender.BatchResult(2, 0, 0, 2));
    assertThat(db.jdbc().queryForList("SELECT event_id FROM audit_event ORDER BY event_id", String.class))
        .containsExactly("e-1", "e-2", "e-3", "e-4");
  }

  @Test
  void anEventIdSentToTwoPartitionsWrittenSideBySideIsKeptOnceAndRecordedOnceAsADuplicate() {
    var envelope = Events.envelope("e-" + UUID.randomUUID(), T0, "dep-1", "1.4.0");
    List<ConsumerRecord<byte[], byte[]>> batch = List.of(
        events.record(Topics.APPROVALS, 1, 0, Events.granted(envelope)),
        events.record(Topics.APPROVALS, 2, 0, Events.granted(envelope)));
    List<TopicPartition> partitions = List.of(
        new TopicPartition(Topics.APPROVALS.name(), 1), new TopicPartition(Topics.APPROVALS.name(), 2));

    BatchAppender appender = twoWriters();
    appender.resume(partitions);

    // neither writer looks ids up first; the unique index refuses the second copy and that shard is written again
    assertThat(appender.append(batch)).isEqualTo(new BatchAppender.BatchResult(1, 0, 1, 0));
    assertThat(count("audit_event")).isEqualTo(1);
    assertThat(db.jdbc().queryForObject("SELECT count(*) FROM unreadable_record WHERE reason = ?", Long.class,
        BatchAppender.DUPLICATE_EVENT_ID)).isEqualTo(1);
    assertThat(db.jdbc().queryForList("SELECT next_offset FROM consumer_offset ORDER BY partition", Long.class))
        .containsExactly(1L, 1L);
    assertThat(verifyAll()).hasSize(2).allMatch(ChainReport::valid);
  }

  private List<ChainReport> verifyAll() {
    ChainVerification verification = new ChainVerification(new ChainStore(db.dataSource()),
        new CheckpointStore(db.jdbc()),
        SigningKeys.load(db.jdbc(), new SigningProperties(null, null, true), java.time.Clock.systemUTC()));
    return db.transactions().execute(status -> verification.verify(null));
  }

  private long count(String table) {
    return db.jdbc().queryForObject("SELECT count(*) FROM " + table, Long.class);
  }
}
