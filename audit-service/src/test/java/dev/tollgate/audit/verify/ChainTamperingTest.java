package dev.tollgate.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.audit.chain.BreakReason;
import dev.tollgate.audit.chain.ChainReport;
import dev.tollgate.audit.support.Events;
import dev.tollgate.audit.support.TestDatabase;
import dev.tollgate.audit.support.TrailFixture;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tampers with a stored trail in SQL, the way someone with database access could, and verifies it. */
class ChainTamperingTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String CHAIN = Topics.APPROVALS.name() + "-1";
  private static TestDatabase db;

  private final ChainVerification verification = new ChainVerification(new ChainStore(db.dataSource()));

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.start();
  }

  @AfterAll
  static void stopDatabase() {
    db.close();
  }

  /** Links 1..6 of chain approvals-1 (link 4 an unreadable record) and one link of rollouts-0. */
  @BeforeEach
  void recordTrail() {
    db.truncate();
    Events events = new Events();
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      batch.add(i == 4
          ? Events.raw(Topics.APPROVALS, 1, 100 + i, new byte[] {42})
          : events.record(Topics.APPROVALS, 1, 100 + i,
              Events.granted(Events.envelope("e-" + i, T0.plusSeconds(i), "dep-1", "1.4.0"))));
    }
    batch.add(events.record(Topics.ROLLOUTS, 0, 0, Events.promoted(Events.envelope("r-1", T0, "dep-1", "1.4.0"))));
    new TrailFixture(db, events, Clock.fixed(T0, ZoneOffset.UTC)).append(batch);
  }

  @Test
  void anUntouchedTrailVerifies() {
    assertThat(verify()).allMatch(ChainReport::valid)
        .extracting(ChainReport::chainId, ChainReport::events)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CHAIN, 6L),
            org.assertj.core.groups.Tuple.tuple(Topics.ROLLOUTS.name() + "-0", 1L));
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

  private List<ChainReport> verify() {
    return db.transactions().execute(status -> verification.verify(null));
  }
}
