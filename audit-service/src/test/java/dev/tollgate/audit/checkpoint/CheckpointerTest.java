package dev.tollgate.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.CheckpointSigner;
import dev.tollgate.audit.chain.SignedCheckpoint;
import dev.tollgate.audit.support.Events;
import dev.tollgate.audit.support.TestDatabase;
import dev.tollgate.audit.support.TrailFixture;
import dev.tollgate.audit.verify.ChainStore;
import dev.tollgate.events.AuditCheckpoint;
import dev.tollgate.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Checkpoint rounds over a real database: which chains get signed, with what, and how they are published. */
class CheckpointerTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String APPROVALS_1 = Topics.APPROVALS.name() + "-1";
  private static final String ROLLOUTS_0 = Topics.ROLLOUTS.name() + "-0";
  @RegisterExtension
  static final TestDatabase db = new TestDatabase();

  private final Events events = new Events();
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private SigningKeys keys;
  private CheckpointStore store;
  private Checkpointer checkpointer;
  private TrailFixture trail;

  @BeforeEach
  void setUp() {
    db.truncate();
    keys = SigningKeys.load(db.jdbc(), new SigningProperties(null, null, true), clock);
    store = new CheckpointStore(db.jdbc());
    TransactionTemplate snapshot = new TransactionTemplate(db.transactions().getTransactionManager());
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    checkpointer = new Checkpointer(store, new ChainStore(db.dataSource()), keys,
        new CheckpointSigner(keys.active(), clock), snapshot, new SimpleMeterRegistry());
    trail = new TrailFixture(db, events, clock);
  }

  @Test
  void signsEveryMovedChainOnceWithItsReadableEventCount() {
    trail.append(approvals(1, 5, 3)); // offsets 1..5 of approvals-1, offset 3 unreadable
    trail.append(List.of(rollout(0)));

    Checkpointer.Round round = checkpointer.checkpointMovedChains();

    assertThat(round.refused()).isEmpty();
    assertThat(round.signed()).extracting(SignedCheckpoint::chainId, SignedCheckpoint::seq,
            c -> c.statement().eventCount())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(APPROVALS_1, 5L, 4L),
            org.assertj.core.groups.Tuple.tuple(ROLLOUTS_0, 1L, 1L));
    assertThat(round.signed()).allMatch(c -> c.verifiedBy(keys.active().verifyingKey()));
    assertThat(round.signed().get(0).statement().headHash()).isEqualTo(storedHead(APPROVALS_1));
    assertThat(checkpointer.checkpointMovedChains().signed()).as("no head moved").isEmpty();

    trail.append(approvals(6, 7, -1));
    Checkpointer.Round next = checkpointer.checkpointMovedChains();

    assertThat(next.signed()).extracting(SignedCheckpoint::chainId, SignedCheckpoint::seq,
            c -> c.statement().eventCount())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(APPROVALS_1, 7L, 6L));
    assertThat(store.ofChain(APPROVALS_1)).extracting(SignedCheckpoint::seq).containsExactly(5L, 7L);
  }

  @Test
  void refusesToSignAChainEditedSinceItsLastCheckpoint() {
    trail.append(approvals(1, 3, -1));
    checkpointer.checkpointMovedChains();
    trail.append(approvals(4, 6, -1));
    db.jdbc().update("UPDATE audit_event SET actor = 'mallory' WHERE chain_id = ? AND chain_seq = 5", APPROVALS_1);

    Checkpointer.Round round = checkpointer.checkpointMovedChains();

    assertThat(round.signed()).isEmpty();
    assertThat(round.refused()).containsOnlyKeys(APPROVALS_1);
    assertThat(round.refused().get(APPROVALS_1)).startsWith("content-altered");
    assertThat(store.ofChain(APPROVALS_1)).extracting(SignedCheckpoint::seq).containsExactly(3L);
  }

  @Test
  void refusesToBuildOnAForgedCheckpoint() {
    trail.append(approvals(1, 3, -1));
    checkpointer.checkpointMovedChains();
    db.jdbc().update("UPDATE checkpoint SET event_count = 2 WHERE chain_id = ?", APPROVALS_1);
    trail.append(approvals(4, 4, -1));

    Checkpointer.Round round = checkpointer.checkpointMovedChains();

    assertThat(round.refused().get(APPROVALS_1)).contains("latest stored checkpoint does not verify");
  }

  @Test
  void refusesToBuildOnItsOwnCheckpointOnceItsStoredSignatureIsReplaced() {
    trail.append(approvals(1, 3, -1));
    assertThat(checkpointer.checkpointMovedChains().signed()).hasSize(1);
    // the statement is untouched, so only the signature bytes tell the stored row from the one signed here
    db.jdbc().update("UPDATE checkpoint SET signature = decode(repeat('00', 64), 'hex') WHERE chain_id = ?", APPROVALS_1);
    trail.append(approvals(4, 4, -1));

    Checkpointer.Round round = checkpointer.checkpointMovedChains();

    assertThat(round.signed()).isEmpty();
    assertThat(round.refused().get(APPROVALS_1)).contains("latest stored checkpoint does not verify");
  }

  @Test
  void publishesUnpublishedCheckpointsKeyedByChainAndMarksThem() {
    trail.append(approvals(1, 2, -1));
    trail.append(List.of(rollout(0)));
    checkpointer.checkpointMovedChains();
    MockProducer<String, AuditCheckpoint> producer = new MockProducer<>(true, null,
        Topics.AUDIT_CHECKPOINTS.keySerde(events.serdeConfig()).serializer(),
        Topics.AUDIT_CHECKPOINTS.valueSerde(events.serdeConfig()).serializer());
    CheckpointPublisher publisher = new CheckpointPublisher(producer, store, Duration.ofSeconds(5), clock);

    assertThat(publisher.publishPending()).isEqualTo(2);
    assertThat(publisher.publishPending()).as("already published").isZero();

    List<ProducerRecord<String, AuditCheckpoint>> sent = producer.history();
    assertThat(sent).extracting(ProducerRecord::topic).containsOnly(Topics.AUDIT_CHECKPOINTS.name());
    assertThat(sent).extracting(ProducerRecord::key).containsExactlyInAnyOrder(APPROVALS_1, ROLLOUTS_0);
    AuditCheckpoint approvals = sent.stream().filter(r -> r.key().equals(APPROVALS_1)).findFirst().orElseThrow().value();
    SignedCheckpoint stored = store.ofChain(APPROVALS_1).get(0);
    assertThat(approvals.getSequence()).isEqualTo(2);
    assertThat(approvals.getHeadHash()).isEqualTo(stored.statement().headHash().hex());
    assertThat(approvals.getKeyId()).isEqualTo(keys.active().keyId());
    assertThat(bytes(approvals.getSignature())).isEqualTo(stored.signature());
    assertThat(db.jdbc().queryForObject("SELECT count(*) FROM checkpoint WHERE published_at IS NULL", Long.class))
        .isZero();
  }

  private List<ConsumerRecord<byte[], byte[]>> approvals(int fromOffset, int toOffset, int unreadableOffset) {
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
    for (int offset = fromOffset; offset <= toOffset; offset++) {
      batch.add(offset == unreadableOffset
          ? Events.raw(Topics.APPROVALS, 1, offset, new byte[] {42})
          : events.record(Topics.APPROVALS, 1, offset,
              Events.granted(Events.envelope("a-" + offset, T0.plusSeconds(offset), "dep-1", "1.4.0"))));
    }
    return batch;
  }

  private ConsumerRecord<byte[], byte[]> rollout(int offset) {
    return events.record(Topics.ROLLOUTS, 0, offset, Events.promoted(Events.envelope("r-" + offset, T0, "dep-1", "1.4.0")));
  }

  private static ChainHash storedHead(String chainId) {
    return ChainHash.of(db.jdbc().queryForObject(
        "SELECT chain_head FROM consumer_offset WHERE topic || '-' || partition = ?", byte[].class, chainId));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
