package dev.tollgate.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainLink;
import dev.tollgate.audit.chain.SourcePosition;
import dev.tollgate.audit.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

/** The binary COPY of event rows, against a real PostgreSQL: every column comes back exactly as given. */
class TrailStoreCopyTest {

  private static final Instant OCCURRED = Instant.parse("2026-03-01T10:00:00.123456Z");
  private static final Instant NOW = Instant.parse("2026-03-01T11:00:00.000001Z");
  @RegisterExtension
  static final TestDatabase db = new TestDatabase();
  private ChainHead head = ChainHead.empty("approvals-2");

  @BeforeEach
  void clean() {
    db.truncate();
  }

  @Test
  void valuesThatATextCopyWouldHaveToEscapeComeBackByteForByte() {
    String awkward = "tab\there, newline\nthere, back\\slash, \\N, a quote ' and \"ü€😀\"";
    TrailStore.EventRow row = row("e-1", 7, awkward, null, "{\"note\": \"" + awkward.replace("\\", "\\\\")
        .replace("\n", "\\n").replace("\t", "\\t").replace("\"", "\\\"") + "\"}");

    db.transactions().executeWithoutResult(s -> new TrailStore(db.jdbc()).appendEvents(List.of(row), NOW));

    Map<String, Object> stored = db.jdbc().queryForMap("""
        SELECT chain_id, chain_seq, prev_hash, hash, topic, partition, kafka_offset, record_key, schema_id, value_avro,
               event_id, actor, deployment_id, causation_id, payload ->> 'note' AS note, occurred_at, record_timestamp,
               ingested_at FROM audit_event""");
    ChainLink link = row.link();
    assertThat(stored).containsEntry("chain_id", link.chainId()).containsEntry("chain_seq", link.seq())
        .containsEntry("topic", "approvals").containsEntry("partition", 2).containsEntry("kafka_offset", 7L)
        .containsEntry("schema_id", 42).containsEntry("event_id", "e-1").containsEntry("actor", awkward)
        .containsEntry("deployment_id", null).containsEntry("causation_id", awkward).containsEntry("note", awkward)
        .containsEntry("record_key", null).containsEntry("record_timestamp", null);
    assertThat((byte[]) stored.get("prev_hash")).isEqualTo(link.prevHash().bytes());
    assertThat((byte[]) stored.get("hash")).isEqualTo(link.hash().bytes());
    assertThat((byte[]) stored.get("value_avro")).isEqualTo(((ChainEntry.Event) link.entry()).value());
    assertThat(((Timestamp) stored.get("occurred_at")).toInstant()).isEqualTo(OCCURRED);
    assertThat(((Timestamp) stored.get("ingested_at")).toInstant()).isEqualTo(NOW);
  }

  @Test
  void manyRowsInOneCopyKeepTheirOrderAndNullableColumns() {
    List<TrailStore.EventRow> rows = List.of(
        row("e-1", 1, "alice", "dep-1", "{}"), row("e-2", 2, "bob", null, "[1, 2]"), row("e-3", 3, "carol", "dep-3", "null"));

    db.transactions().executeWithoutResult(s -> new TrailStore(db.jdbc()).appendEvents(rows, NOW));

    assertThat(db.jdbc().queryForList(
        "SELECT kafka_offset || ':' || actor || ':' || coalesce(deployment_id, '-') || ':' || CAST(payload AS text)"
            + " FROM audit_event ORDER BY kafka_offset", String.class))
        .containsExactly("1:alice:dep-1:{}", "2:bob:-:[1, 2]", "3:carol:dep-3:null");
  }

  @Test
  void anEventIdAlreadyInTheTrailFailsTheCopyAndLeavesNothing() {
    TrailStore store = new TrailStore(db.jdbc());
    db.transactions().executeWithoutResult(s -> store.appendEvents(List.of(row("e-1", 1, "alice", null, "{}")), NOW));

    assertThatThrownBy(() -> db.transactions().executeWithoutResult(s -> store.appendEvents(
        List.of(row("e-2", 2, "bob", null, "{}"), row("e-1", 3, "carol", null, "{}")), NOW)))
        .isInstanceOf(DataIntegrityViolationException.class)
        .satisfies(e -> assertThat(TrailStore.isEventIdConflict(e)).isTrue());
    assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit_event", Long.class)).isEqualTo(1);
  }

  @Test
  void anotherConstraintRefusingTheCopyIsNotTakenForAKnownEventId() {
    TrailStore store = new TrailStore(db.jdbc());
    db.transactions().executeWithoutResult(s -> store.appendEvents(List.of(row("e-1", 1, "alice", null, "{}")), NOW));
    head = ChainHead.empty("approvals-2"); // the next link reuses link 1 of the chain: a primary-key violation

    assertThatThrownBy(() -> db.transactions().executeWithoutResult(s -> store.appendEvents(
        List.of(row("e-2", 2, "bob", null, "{}")), NOW)))
        .isInstanceOf(DataIntegrityViolationException.class)
        .satisfies(e -> assertThat(TrailStore.isEventIdConflict(e)).isFalse());
  }

  private TrailStore.EventRow row(String eventId, long offset, String actor, String deploymentId, String json) {
    SourcePosition source = new SourcePosition("approvals", 2, offset);
    ChainEntry.Event entry = new ChainEntry.Event(source, null, ("avro " + eventId).getBytes(StandardCharsets.UTF_8),
        42, eventId, "ApprovalGranted", OCCURRED, actor, deploymentId, "fraud-detector", "1.4.0", "staging", actor);
    ChainLink link = head.link(entry);
    head = head.advance(link);
    DecodedRecord.Event decoded = new DecodedRecord.Event(42, eventId, "ApprovalGranted", OCCURRED, actor,
        deploymentId, "fraud-detector", "1.4.0", "staging", actor, json);
    return new TrailStore.EventRow(link, decoded, null);
  }
}
