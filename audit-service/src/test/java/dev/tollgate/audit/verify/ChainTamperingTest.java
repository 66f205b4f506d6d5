package dev.tollgate.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.audit.chain.BreakReason;
import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainLink;
import dev.tollgate.audit.chain.CheckpointSigner;
import dev.tollgate.audit.checkpoint.CheckpointStore;
import dev.tollgate.audit.checkpoint.Checkpointer;
import dev.tollgate.audit.checkpoint.SigningKeys;
import dev.tollgate.audit.checkpoint.SigningProperties;
import dev.tollgate.audit.chain.ChainReport;
import dev.tollgate.audit.support.Events;
import dev.tollgate.audit.support.TestDatabase;
import dev.tollgate.audit.support.TrailFixture;
import dev.tollgate.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tampers with a stored trail in SQL, the way someone with database access could, and verifies it. */
class ChainTamperingTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String CHAIN = Topics.APPROVALS.name() + "-1";
  @RegisterExtension
  static final TestDatabase db = new TestDatabase();

  private ChainVerification verification;
  private ChainVerification sequential;

  /**
   * Links 1..6 of chain approvals-1 (link 4 an unreadable record) and one link of rollouts-0, with
   * signed checkpoints at approvals-1 links 3 and 6 and rollouts-0 link 1.
   */
  @BeforeEach
  void recordTrail() {
    db.truncate();
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    SigningKeys keys = SigningKeys.load(db.jdbc(), new SigningProperties(null, null, true), clock);
    CheckpointStore checkpoints = new CheckpointStore(db.jdbc());
    // every tampering case runs through the parallel path: chains on threads reading the caller's exported snapshot
    // ... reading two links per chunk, so that chunk boundaries fall around the unreadable link
    verification = new ChainVerification(new ChainStore(db.dataSource(), 2), checkpoints, keys,
        db.transactions().getTransactionManager(), 4);
    sequential = new ChainVerification(new ChainStore(db.dataSource()), checkpoints, keys);
    Checkpointer checkpointer = new Checkpointer(checkpoints, new ChainStore(db.dataSource()), keys,
        new CheckpointSigner(keys.active(), clock), db.transactions(), new SimpleMeterRegistry());
    Events events = new Events();
    TrailFixture trail = new TrailFixture(db, events, clock);
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      batch.add(i == 4
          ? Events.raw(Topics.APPROVALS, 1, 100 + i, new byte[] {42})
          : events.record(Topics.APPROVALS, 1, 100 + i,
              Events.granted(Events.envelope("e-" + i, T0.plusSeconds(i), "dep-1", "1.4.0"))));
      if (i == 3) {
        trail.append(batch);
        checkpointer.checkpointMovedChains();
        batch.clear();
      }
    }
    batch.add(events.record(Topics.ROLLOUTS, 0, 0, Events.promoted(Events.envelope("r-1", T0, "dep-1", "1.4.0"))));
    trail.append(batch);
    assertThat(checkpointer.checkpointMovedChains().signed()).hasSize(2);
  }

  @Test
  void anUntouchedTrailVerifies() {
    assertThat(verify()).allMatch(ChainReport::valid)
        .extracting(ChainReport::chainId, ChainReport::events, ChainReport::checkpoints)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CHAIN, 6L, 2L),
            org.assertj.core.groups.Tuple.tuple(Topics.ROLLOUTS.name() + "-0", 1L, 1L));
  }

  @Test
  void anEditedCheckpointIsFound() {
    db.jdbc().update("UPDATE checkpoint SET head_hash = ? WHERE chain_id = ? AND seq = 3", new byte[32], CHAIN);

    assertBroken(3, BreakReason.CHECKPOINT_SIGNATURE_INVALID);
  }

  @Test
  void anEditedCheckpointSignatureIsFound() {
    db.jdbc().update("UPDATE checkpoint SET signature = set_byte(signature, 0, get_byte(signature, 0) # 1) "
        + "WHERE chain_id = ? AND seq = 6", CHAIN);

    assertBroken(6, BreakReason.CHECKPOINT_SIGNATURE_INVALID);
  }

  @Test
  void aTailDeletedTogetherWithItsRecordedHeadIsFoundByTheCheckpoint() {
    byte[] hashOfLink3 = db.jdbc().queryForObject(
        "SELECT hash FROM audit_event WHERE chain_id = ? AND chain_seq = 3", byte[].class, CHAIN);
    db.jdbc().update("DELETE FROM audit_event WHERE chain_id = ? AND chain_seq >= 4", CHAIN);
    db.jdbc().update("DELETE FROM unreadable_record WHERE chain_id = ?", CHAIN);
    db.jdbc().update("UPDATE consumer_offset SET chain_seq = 3, chain_head = ?, next_offset = 104 "
        + "WHERE topic = ? AND partition = 1", hashOfLink3, Topics.APPROVALS.name());

    assertBroken(4, BreakReason.CHECKPOINT_BEYOND_CHAIN);
  }

  @Test
  void aConsistentlyRecomputedRewriteIsFoundByTheCheckpoint() {
    // someone with database access edits link 5 and recomputes the hashes of links 5 and 6 and the recorded head,
    // with the project's own code: every hash then agrees, only the signed checkpoint at link 6 disagrees
    List<ChainLink> links = new ArrayList<>();
    db.transactions().executeWithoutResult(s -> new ChainStore(db.dataSource()).forEachLink(CHAIN, links::add));
    ChainHead head = new ChainHead(CHAIN, 4, links.get(3).hash());
    for (ChainLink original : links.subList(4, 6)) {
      ChainEntry entry = original.entry();
      if (original.seq() == 5 && entry instanceof ChainEntry.Event e) {
        entry = new ChainEntry.Event(e.source(), e.key(), e.value(), e.schemaId(), e.eventId(), e.eventType(),
            e.occurredAt(), "mallory", e.deploymentId(), e.modelName(), e.modelVersion(), e.environment(),
            e.causationId());
        db.jdbc().update("UPDATE audit_event SET actor = 'mallory' WHERE chain_id = ? AND chain_seq = 5", CHAIN);
      }
      ChainLink rewritten = head.link(entry);
      db.jdbc().update("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE chain_id = ? AND chain_seq = ?",
          rewritten.prevHash().bytes(), rewritten.hash().bytes(), CHAIN, rewritten.seq());
      head = head.advance(rewritten);
    }
    db.jdbc().update("UPDATE consumer_offset SET chain_head = ? WHERE topic = ? AND partition = 1",
        head.hash().bytes(), Topics.APPROVALS.name());

    assertBroken(6, BreakReason.CHECKPOINT_MISMATCH);
  }

  @Test
  void anEditedColumnIsFound() {
    db.jdbc().update("UPDATE audit_event SET actor = 'mallory' WHERE chain_id = ? AND chain_seq = 3", CHAIN);

    assertBroken(3, BreakReason.CONTENT_ALTERED);
  }

  @Test
  void editedOriginalBytesAreFound() {
    db.jdbc().update("UPDATE audit_event SET value_avro = value_avro || '\\x00'::bytea WHERE chain_id = ? AND chain_seq = 5",
        CHAIN);

    assertBroken(5, BreakReason.CONTENT_ALTERED);
  }

  @Test
  void anEditedUnreadableRecordIsFound() {
    db.jdbc().update("UPDATE unreadable_record SET reason = 'nothing to see' WHERE chain_id = ?", CHAIN);

    assertBroken(4, BreakReason.CONTENT_ALTERED);
  }

  @Test
  void aDeletedEventIsFound() {
    db.jdbc().update("DELETE FROM audit_event WHERE chain_id = ? AND chain_seq = 2", CHAIN);

    assertBroken(2, BreakReason.MISSING_LINK);
  }

  @Test
  void aDeletedUnreadableRecordIsFound() {
    db.jdbc().update("DELETE FROM unreadable_record WHERE chain_id = ?", CHAIN);

    assertBroken(4, BreakReason.MISSING_LINK);
  }

  @Test
  void reorderedRowsAreFound() {
    // swap links 2 and 3 (through a free number: the primary key is checked per row)
    db.jdbc().update("UPDATE audit_event SET chain_seq = -2 WHERE chain_id = ? AND chain_seq = 2", CHAIN);
    db.jdbc().update("UPDATE audit_event SET chain_seq = 2 WHERE chain_id = ? AND chain_seq = 3", CHAIN);
    db.jdbc().update("UPDATE audit_event SET chain_seq = 3 WHERE chain_id = ? AND chain_seq = -2", CHAIN);

    assertBroken(2, BreakReason.PREV_HASH_MISMATCH);
  }

  @Test
  void aDeletedTailIsFound() {
    db.jdbc().update("DELETE FROM audit_event WHERE chain_id = ? AND chain_seq >= 5", CHAIN);

    assertBroken(5, BreakReason.TRUNCATED);
  }

  @Test
  void aDeletedHeadRecordIsFound() {
    db.jdbc().update("DELETE FROM consumer_offset WHERE topic = ? AND partition = 1", Topics.APPROVALS.name());

    assertBroken(6, BreakReason.HEAD_MISSING);
  }

  private void assertBroken(long seq, BreakReason reason) {
    List<ChainReport> reports = verify();
    ChainReport approvals = reports.stream().filter(r -> r.chainId().equals(CHAIN)).findFirst().orElseThrow();
    assertThat(approvals.valid()).isFalse();
    assertThat(approvals.firstBrokenLink().reason()).as(approvals.firstBrokenLink().detail()).isEqualTo(reason);
    assertThat(approvals.firstBrokenLink().seq()).isEqualTo(seq);
    // the other chain is untouched and still verifies
    assertThat(reports).filteredOn(r -> !r.chainId().equals(CHAIN)).allMatch(ChainReport::valid);
  }

  @Test
  void chainsVerifiedInParallelReportExactlyWhatOneThreadReports() {
    db.jdbc().update("UPDATE audit_event SET actor = 'mallory' WHERE chain_id = ? AND chain_seq = 2", CHAIN);

    List<ChainReport> parallel = verify();

    assertThat(parallel).hasSize(2).anyMatch(r -> !r.valid()).anyMatch(ChainReport::valid);
    assertThat(parallel).isEqualTo(db.transactions().execute(status -> sequential.verify(null)));
  }

  @Test
  void aParallelVerificationSeesTheCallersSnapshotNotLaterWrites() {
    var repeatableRead = new org.springframework.transaction.support.TransactionTemplate(
        db.transactions().getTransactionManager());
    repeatableRead.setIsolationLevel(org.springframework.transaction.TransactionDefinition.ISOLATION_REPEATABLE_READ);
    List<ChainReport> reports = repeatableRead.execute(status -> {
      // the caller's snapshot is taken by its first statement; a write committed after it stays invisible
      db.jdbc().queryForObject("SELECT count(*) FROM audit_event", Long.class);
      try (var other = db.dataSource().getConnection()) {
        other.createStatement().executeUpdate("UPDATE audit_event SET actor = 'mallory' WHERE chain_seq = 2");
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      return verification.verify(null);
    });

    assertThat(reports).hasSize(2).allMatch(ChainReport::valid);
    assertThat(verify()).anyMatch(r -> !r.valid());
  }

  private List<ChainReport> verify() {
    return db.transactions().execute(status -> verification.verify(null));
  }
}
