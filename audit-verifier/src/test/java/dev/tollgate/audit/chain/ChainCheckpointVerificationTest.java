package dev.tollgate.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain verifier with signed checkpoints: they pin the chain where the recorded head cannot. */
class ChainCheckpointVerificationTest {

  private static final SigningKey KEY = SigningKey.generate();
  private static final CheckpointSigner SIGNER =
      new CheckpointSigner(KEY, Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

  /** Chain of 8 (links 4 and 8 unreadable: 6 readable events), checkpoints at links 3 and 8. */
  private final ChainFixtures.Built chain = ChainFixtures.chain(8);
  private final List<SignedCheckpoint> checkpoints = List.of(
      SIGNER.sign(headAt(3), 3), SIGNER.sign(chain.head(), 6));

  @Test
  void validCheckpointsAreCounted() {
    ChainReport report = run(chain.links(), checkpoints, chain.head());

    assertThat(report.valid()).as(String.valueOf(report.firstBrokenLink())).isTrue();
    assertThat(report.checkpoints()).isEqualTo(2);
  }

  @Test
  void aForgedCheckpointIsFound() {
    SignedCheckpoint forged = new CheckpointSigner(SigningKey.generate(), Clock.systemUTC()).sign(headAt(3), 3);

    ChainReport report = run(chain.links(), List.of(forged, checkpoints.get(1)), chain.head());

    assertBroken(report, 3, BreakReason.CHECKPOINT_SIGNATURE_INVALID);
  }

  @Test
  void aConsistentlyRewrittenTailIsCaughtByTheCheckpoint() {
    // an attacker edits link 6 and recomputes every later hash and the recorded head: only the signature notices
    List<ChainLink> rewritten = new ArrayList<>(chain.links().subList(0, 5));
    ChainHead head = new ChainHead(ChainFixtures.CHAIN, 5, rewritten.get(4).hash());
    for (ChainLink original : chain.links().subList(5, 8)) {
      ChainEntry entry = original.seq() == 6 ? ChainFixtures.event(999) : original.entry();
      ChainLink link = head.link(entry);
      rewritten.add(link);
      head = head.advance(link);
    }

    assertThat(ChainVerifier.verify(ChainFixtures.CHAIN, rewritten, head).valid())
        .as("without checkpoints the rewrite is consistent").isTrue();
    assertBroken(run(rewritten, checkpoints, head), 8, BreakReason.CHECKPOINT_MISMATCH);
  }

  @Test
  void aWrongEventCountIsAMismatch() {
    ChainReport report = run(chain.links(), List.of(SIGNER.sign(headAt(5), 5)), chain.head());

    assertBroken(report, 5, BreakReason.CHECKPOINT_MISMATCH);
    assertThat(report.firstBrokenLink().detail()).contains("4");
  }

  @Test
  void aTailDeletedWithItsRecordedHeadIsCaughtByALaterCheckpoint() {
    List<ChainLink> shortened = chain.links().subList(0, 6);
    ChainHead rewrittenHead = new ChainHead(ChainFixtures.CHAIN, 6, shortened.get(5).hash());

    assertBroken(run(shortened, checkpoints, rewrittenHead), 7, BreakReason.CHECKPOINT_BEYOND_CHAIN);
  }

  @Test
  void aResumedRunVerifiesOnlyTheNewLinks() {
    ChainVerifier.Run run = ChainVerifier.resume(headAt(3), 3);
    chain.links().subList(3, 8).forEach(run::accept);

    ChainReport report = run.finish(chain.head());

    assertThat(report.valid()).isTrue();
    assertThat(run.eventLinks()).isEqualTo(6);
    assertThat(run.head()).isEqualTo(chain.head());
  }

  private ChainHead headAt(int seq) {
    return new ChainHead(ChainFixtures.CHAIN, seq, chain.links().get(seq - 1).hash());
  }

  private static ChainReport run(List<ChainLink> links, List<SignedCheckpoint> checkpoints, ChainHead head) {
    ChainVerifier.Run run = ChainVerifier.start(ChainFixtures.CHAIN, checkpoints, TrustedKeys.of(KEY.verifyingKey()));
    links.forEach(run::accept);
    return run.finish(head);
  }

  private static void assertBroken(ChainReport report, long seq, BreakReason reason) {
    assertThat(report.valid()).isFalse();
    assertThat(report.firstBrokenLink().reason()).as(report.firstBrokenLink().detail()).isEqualTo(reason);
    assertThat(report.firstBrokenLink().seq()).isEqualTo(seq);
  }
}
