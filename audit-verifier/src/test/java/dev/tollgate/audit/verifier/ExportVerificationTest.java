package dev.tollgate.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainLink;
import dev.tollgate.audit.chain.CheckpointSigner;
import dev.tollgate.audit.chain.SignedCheckpoint;
import dev.tollgate.audit.chain.SigningKey;
import dev.tollgate.audit.chain.SourcePosition;
import dev.tollgate.audit.chain.TrustedKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes exports with {@link ExportWriter} and checks them with {@link ExportVerifier} and the CLI. */
class ExportVerificationTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final SigningKey KEY = SigningKey.generate();
  private static final CheckpointSigner SIGNER = new CheckpointSigner(KEY, Clock.fixed(T0, ZoneOffset.UTC));

  @TempDir
  Path dir;

  @Test
  void aFullExportVerifiesAndEveryLinkUpToACheckpointIsAnchored() throws IOException {
    Chain approvals = chain("tollgate.approvals", 1, 5, 3);
    Chain rollouts = chain("tollgate.rollouts", 0, 2, -1);
    // checkpoints: approvals at 3 and 5, rollouts at 1 (link 2 comes after the last checkpoint)
    Path file = export(List.of(approvals.links, rollouts.links), List.of(approvals.checkpoint(3), approvals.checkpoint(5),
        rollouts.checkpoint(1)), ExportFilter.EVERYTHING);

    ExportVerifier.Result result = ExportVerifier.verify(file, TrustedKeys.of(KEY.verifyingKey()));

    assertThat(result.failure()).isNull();
    assertThat(result.links()).isEqualTo(7);
    assertThat(result.checkpoints()).isEqualTo(3);
    assertThat(result.anchoredLinks()).isEqualTo(6);
    assertThat(result.chains()).isEqualTo(2);
    String manifest = Files.readAllLines(file).get(7);
    assertThat(manifest).contains("\"contiguous\":true").contains("\"format\":\"tollgate.audit.export/1\"");
  }

  @Test
  void aModelSubsetVerifiesLinkByLinkAndSaysItIsNotContiguous() throws IOException {
    Chain approvals = chain("tollgate.approvals", 1, 6, -1);
    List<ChainLink> subset = List.of(approvals.links.get(0), approvals.links.get(1), approvals.links.get(4));
    Path file = export(List.of(subset), List.of(approvals.checkpoint(2), approvals.checkpoint(4)),
        new ExportFilter("fraud-detector", null, null));

    ExportVerifier.Result result = ExportVerifier.verify(file, TrustedKeys.of(KEY.verifyingKey()));

    assertThat(result.failure()).isNull();
    assertThat(result.links()).isEqualTo(3);
    assertThat(result.anchoredLinks()).as("links 1 and 2 reach the checkpoint at 2; link 5 has none").isEqualTo(2);
    assertThat(Files.readString(file)).contains("\"contiguous\":false").contains("\"model\":\"fraud-detector\"");
  }

  @Test
  void everyOneByteChangeAnywhereFails() throws IOException {
    // small on purpose: every position is changed, and each check verifies two Ed25519 signatures
    Chain approvals = chain("tollgate.approvals", 1, 2, 2);
    Path file = export(List.of(approvals.links), List.of(approvals.checkpoint(2)), ExportFilter.EVERYTHING);
    byte[] original = Files.readAllBytes(file);
    TrustedKeys keys = TrustedKeys.of(KEY.verifyingKey());
    assertThat(ExportVerifier.verify(file, keys).verified()).isTrue();

    Path changed = dir.resolve("changed.ndjson");
    List<Integer> undetected = new ArrayList<>();
    for (int i = 0; i < original.length; i++) {
      byte[] copy = original.clone();
      copy[i] ^= 0x01;
      Files.write(changed, copy);
      if (ExportVerifier.verify(changed, keys).verified()) {
        undetected.add(i);
      }
    }

    assertThat(undetected).as("positions whose change went unnoticed").isEmpty();
  }

  @Test
  void theFirstBrokenLineIsNamed() throws IOException {
    Chain approvals = chain("tollgate.approvals", 1, 4, -1);
    Path file = export(List.of(approvals.links), List.of(approvals.checkpoint(4)), ExportFilter.EVERYTHING);
    List<String> lines = Files.readAllLines(file);
    TrustedKeys keys = TrustedKeys.of(KEY.verifyingKey());

    assertThat(verifyLines(replace(lines, 1, lines.get(1).replace("\"actor\":\"alice\"", "\"actor\":\"mallory\"")), keys))
        .startsWith("line 2: ").contains("fields hash to");
    assertThat(verifyLines(replace(lines, 2, lines.get(2).replace("\"type\":\"ApprovalGranted\"", "\"type\":\"Other\"")), keys))
        .startsWith("line 5 (manifest): ").contains("linesSha256");
    List<String> swapped = new ArrayList<>(lines);
    swapped.set(1, lines.get(2));
    swapped.set(2, lines.get(1));
    assertThat(verifyLines(swapped, keys)).startsWith("line 2: ").contains("contiguous");
    List<String> removed = new ArrayList<>(lines);
    removed.remove(1);
    assertThat(verifyLines(removed, keys)).startsWith("line 2: ").contains("contiguous");
    List<String> unsigned = new ArrayList<>(lines);
    unsigned.set(4, lines.get(4).replace("\"contiguous\":true", "\"contiguous\":false"));
    assertThat(verifyLines(replace(unsigned, 1, lines.get(2)).subList(0, 5), keys)).startsWith("last line (manifest): ")
        .contains("signature does not verify");
    assertThat(verifyLines(lines.subList(0, 4), keys)).startsWith("last line (manifest): ");
    assertThat(verifyLines(lines, TrustedKeys.of(SigningKey.generate().verifyingKey())))
        .contains("not a key given to the verifier");
  }

  @Test
  void theCommandLinePrintsTheVerdictAndExitsWithIt() throws IOException {
    Chain approvals = chain("tollgate.approvals", 1, 2, -1);
    Path file = export(List.of(approvals.links), List.of(approvals.checkpoint(2)), ExportFilter.EVERYTHING);
    Path key = Files.writeString(dir.resolve("key.pem"), KEY.verifyingKey().pem());
    Path otherKey = Files.writeString(dir.resolve("other.pem"), SigningKey.generate().verifyingKey().pem());

    Cli ok = cli("--public-key", key.toString(), file.toString());
    assertThat(ok.status).isEqualTo(VerifyExport.VERIFIED);
    assertThat(ok.out).startsWith("VERIFIED 2 links, 1 checkpoints");

    Cli wrongKey = cli("--public-key", otherKey.toString(), file.toString());
    assertThat(wrongKey.status).isEqualTo(VerifyExport.FAILED);
    assertThat(wrongKey.out).startsWith("FAILED last line (manifest)");

    assertThat(cli(file.toString()).status).isEqualTo(VerifyExport.USAGE);
    assertThat(cli("--public-key", dir.resolve("missing.pem").toString(), file.toString()).status)
        .isEqualTo(VerifyExport.USAGE);
  }

  private String verifyLines(List<String> lines, TrustedKeys keys) throws IOException {
    Path file = dir.resolve("edited.ndjson");
    Files.writeString(file, String.join("\n", lines) + "\n");
    ExportVerifier.Result result = ExportVerifier.verify(file, keys);
    assertThat(result.verified()).isFalse();
    return result.failure();
  }

  private static List<String> replace(List<String> lines, int index, String line) {
    assertThat(line).isNotEqualTo(lines.get(index));
    List<String> copy = new ArrayList<>(lines);
    copy.set(index, line);
    return copy;
  }

  private Path export(List<List<ChainLink>> chains, List<SignedCheckpoint> checkpoints, ExportFilter filter)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ExportWriter writer = new ExportWriter(bytes);
    for (List<ChainLink> links : chains) {
      for (ChainLink link : links) {
        writer.link(link, link.entry() instanceof ChainEntry.Event e
            ? "{\"type\":\"ApprovalGranted\",\"approver\":\"" + e.actor() + "\",\"note\":\"caf\u00e9 \\\"quoted\\\"\"}"
            : null);
      }
    }
    writer.finish(filter, T0.plusSeconds(3600), checkpoints, KEY);
    return Files.write(dir.resolve("export.ndjson"), bytes.toByteArray());
  }

  /** A chain of {@code n} links from offset 100; link {@code unreadableSeq} is an unreadable record. */
  private static Chain chain(String topic, int partition, int n, int unreadableSeq) {
    ChainHead head = ChainHead.empty(topic + "-" + partition);
    List<ChainLink> links = new ArrayList<>();
    List<ChainHead> heads = new ArrayList<>();
    List<Long> events = new ArrayList<>();
    long eventCount = 0;
    for (int seq = 1; seq <= n; seq++) {
      SourcePosition source = new SourcePosition(topic, partition, 99 + seq);
      ChainEntry entry = seq == unreadableSeq
          ? new ChainEntry.Unreadable(source, null, new byte[] {42}, "wrong-magic-byte", "starts with 0x2a")
          : new ChainEntry.Event(source, "fraud-detector".getBytes(StandardCharsets.UTF_8),
              new byte[] {0, 0, 0, 0, 3, (byte) seq}, 3, "e-" + topic + seq, "ApprovalGranted", T0.plusSeconds(seq),
              "alice", "dep-1", "fraud-detector", "1.4.0", "staging", seq == 1 ? null : "e-" + topic + (seq - 1));
      eventCount += entry instanceof ChainEntry.Event ? 1 : 0;
      ChainLink link = head.link(entry);
      head = head.advance(link);
      links.add(link);
      heads.add(head);
      events.add(eventCount);
    }
    return new Chain(links, heads, events);
  }

  private record Chain(List<ChainLink> links, List<ChainHead> heads, List<Long> eventCounts) {
    SignedCheckpoint checkpoint(int seq) {
      return SIGNER.sign(heads.get(seq - 1), eventCounts.get(seq - 1));
    }
  }

  private record Cli(int status, String out) {}

  private static Cli cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = VerifyExport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Cli(status, out.toString(StandardCharsets.UTF_8));
  }
}
