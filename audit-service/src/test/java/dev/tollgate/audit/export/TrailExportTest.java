package dev.tollgate.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.audit.chain.CheckpointSigner;
import dev.tollgate.audit.chain.TrustedKeys;
import dev.tollgate.audit.checkpoint.CheckpointStore;
import dev.tollgate.audit.checkpoint.Checkpointer;
import dev.tollgate.audit.checkpoint.SigningKeys;
import dev.tollgate.audit.checkpoint.SigningProperties;
import dev.tollgate.audit.support.Events;
import dev.tollgate.audit.support.TestDatabase;
import dev.tollgate.audit.support.TrailFixture;
import dev.tollgate.audit.verifier.ExportFilter;
import dev.tollgate.audit.verifier.ExportVerifier;
import dev.tollgate.audit.verify.ChainStore;
import dev.tollgate.events.Envelope;
import dev.tollgate.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Exports written from a real trail verify offline, whole or filtered, and fail once changed. */
class TrailExportTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  @RegisterExtension
  static final TestDatabase db = new TestDatabase();
  private static TrailExport export;
  private static TrustedKeys keys;

  @TempDir
  Path dir;

  /**
   * approvals-1: links 1..8 at offsets 1..8; odd offsets fraud-detector, even offsets churn-model,
   * offset 5 unreadable; a checkpoint at link 4 and at the head; rollouts-0: one fraud-detector link.
   */
  @BeforeAll
  static void recordTrail() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    SigningKeys signing = SigningKeys.load(db.jdbc(), new SigningProperties(null, null, true), clock);
    keys = TrustedKeys.of(signing.active().verifyingKey());
    CheckpointStore checkpoints = new CheckpointStore(db.jdbc());
    Checkpointer checkpointer = new Checkpointer(checkpoints, new ChainStore(db.dataSource()), signing,
        new CheckpointSigner(signing.active(), clock), db.transactions(), new SimpleMeterRegistry());
    export = new TrailExport(new ExportStore(db.dataSource()), checkpoints, signing,
        db.transactions().getTransactionManager(), clock);
    Events events = new Events();
    TrailFixture trail = new TrailFixture(db, events, clock);
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
    for (int offset = 1; offset <= 8; offset++) {
      Envelope envelope = Envelope.newBuilder(Events.envelope("a-" + offset, T0.plusSeconds(offset), "dep-" + offset % 2,
          "1.4.0")).setModelName(offset % 2 == 1 ? "fraud-detector" : "churn-model").build();
      batch.add(offset == 5 ? Events.raw(Topics.APPROVALS, 1, offset, new byte[] {42})
          : events.record(Topics.APPROVALS, 1, offset, Events.granted(envelope)));
      if (offset == 4) {
        trail.append(batch);
        checkpointer.checkpointMovedChains();
        batch.clear();
      }
    }
    batch.add(events.record(Topics.ROLLOUTS, 0, 0, Events.promoted(Events.envelope("r-1", T0, "dep-1", "1.4.0"))));
    trail.append(batch);
    checkpointer.checkpointMovedChains();
  }

  @Test
  void aWholeExportVerifiesWithEveryLinkAnchored() throws IOException {
    Path file = write(ExportFilter.EVERYTHING);

    ExportVerifier.Result result = ExportVerifier.verify(file, keys);

    assertThat(result.failure()).isNull();
    assertThat(result.links()).isEqualTo(9);
    assertThat(result.checkpoints()).isEqualTo(3);
    assertThat(result.anchoredLinks()).isEqualTo(9);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).contains("\"chainId\":\"" + Topics.APPROVALS.name() + "-1\"").contains("\"seq\":1")
        .contains("\"payload\":{").contains("\"approver\": \"alice\"");
    assertThat(lines.get(4)).contains("\"kind\":\"unreadable\"").contains("\"reason\":\"wrong-magic-byte\"");
  }

  @Test
  void aModelExportHoldsOnlyItsEventsAndStillVerifies() throws IOException {
    Path file = write(new ExportFilter("fraud-detector", null, null));

    ExportVerifier.Result result = ExportVerifier.verify(file, keys);

    assertThat(result.failure()).isNull();
    assertThat(result.links()).as("offsets 1, 3, 7 and the rollout").isEqualTo(4);
    String text = Files.readString(file);
    assertThat(text).doesNotContain("churn-model").doesNotContain("\"kind\":\"unreadable\"")
        .contains("\"contiguous\":false");
  }

  @Test
  void aTimeRangeExportIsOneContiguousRunPerChain() throws IOException {
    // occurred_at T0+2 .. T0+3: links 2 and 3 of approvals-1; rollouts-0 (T0) is outside
    Path file = write(new ExportFilter(null, T0.plusSeconds(2), T0.plusSeconds(4)));

    ExportVerifier.Result result = ExportVerifier.verify(file, keys);

    assertThat(result.failure()).isNull();
    assertThat(result.links()).isEqualTo(2);
    assertThat(result.chains()).isEqualTo(1);
    assertThat(Files.readString(file)).contains("\"contiguous\":true").contains("\"from\":\"2026-03-01T10:00:02Z\"");
  }

  @Test
  void aChangedByteFailsNamingTheLine() throws IOException {
    Path file = write(ExportFilter.EVERYTHING);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(2, lines.get(2).replace("\"actor\":\"ci:pipeline\"", "\"actor\":\"ci:pipelinf\""));
    Files.writeString(file, String.join("\n", lines) + "\n");

    ExportVerifier.Result result = ExportVerifier.verify(file, keys);

    assertThat(result.verified()).isFalse();
    assertThat(result.failure()).startsWith("line 3: ");
  }

  private Path write(ExportFilter filter) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    export.write(filter, out);
    return Files.write(dir.resolve("export.ndjson"), out.toByteArray());
  }
}
