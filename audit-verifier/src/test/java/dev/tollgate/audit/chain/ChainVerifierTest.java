package dev.tollgate.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  @Test
  void anIntactChainVerifies() {
    ChainFixtures.Built chain = ChainFixtures.chain(8);

    ChainReport report = ChainVerifier.verify(ChainFixtures.CHAIN, chain.links(), chain.head());

    assertThat(report.valid()).isTrue();
    assertThat(report.events()).isEqualTo(8);
    assertThat(report.headHash()).isEqualTo(chain.head().hash());
  }

  @Test
  void anEmptyChainWithoutHeadVerifies() {
    ChainReport report = ChainVerifier.verify(ChainFixtures.CHAIN, List.of(), null);

    assertThat(report.valid()).isTrue();
    assertThat(report.events()).isZero();
    assertThat(report.headHash()).isNull();
  }

  @Test
  void anEditedLinkIsContentAltered() {
    ChainFixtures.Built chain = ChainFixtures.chain(6);
    List<ChainLink> links = new ArrayList<>(chain.links());
    ChainLink original = links.get(2);
    ChainEntry.Event edited = ChainFixtures.event(original.entry().source().offset());
    edited = new ChainEntry.Event(edited.source(), edited.key(), edited.value(), edited.schemaId(), edited.eventId(),
        edited.eventType(), edited.occurredAt(), "mallory", edited.deploymentId(), edited.modelName(),
        edited.modelVersion(), edited.environment(), edited.causationId());
    links.set(2, new ChainLink(original.chainId(), original.seq(), original.prevHash(), original.hash(), edited));

    ChainReport report = ChainVerifier.verify(ChainFixtures.CHAIN, links, chain.head());

    assertBroken(report, 3, BreakReason.CONTENT_ALTERED);
    assertThat(report.events()).isEqualTo(6);
  }

  @Test
  void aDeletedLinkIsMissing() {
    ChainFixtures.Built chain = ChainFixtures.chain(6);
    List<ChainLink> links = new ArrayList<>(chain.links());
    links.remove(3);

    assertBroken(ChainVerifier.verify(ChainFixtures.CHAIN, links, chain.head()), 4, BreakReason.MISSING_LINK);
  }

  @Test
  void swappedLinksBreakTheLinkage() {
    ChainFixtures.Built chain = ChainFixtures.chain(6);
    List<ChainLink> links = new ArrayList<>(chain.links());
    // swap the sequence numbers of links 2 and 3, as an UPDATE of chain_seq would
    ChainLink two = links.get(1);
    ChainLink three = links.get(2);
    links.set(1, new ChainLink(three.chainId(), 2, three.prevHash(), three.hash(), three.entry()));
    links.set(2, new ChainLink(two.chainId(), 3, two.prevHash(), two.hash(), two.entry()));

    assertBroken(ChainVerifier.verify(ChainFixtures.CHAIN, links, chain.head()), 2, BreakReason.PREV_HASH_MISMATCH);
  }

  @Test
  void linksReadOutOfSequenceOrderReportTheFirstGap() {
    ChainFixtures.Built chain = ChainFixtures.chain(5);
    List<ChainLink> links = new ArrayList<>(chain.links());
    Collections.swap(links, 1, 2);

    // link 3 arrives where 2 is expected: 2 looks missing first
    assertBroken(ChainVerifier.verify(ChainFixtures.CHAIN, links, chain.head()), 2, BreakReason.MISSING_LINK);
  }

  @Test
  void aRepeatedLinkIsOutOfOrder() {
    ChainFixtures.Built chain = ChainFixtures.chain(5);
    List<ChainLink> links = new ArrayList<>(chain.links());
    links.add(2, links.get(1));

    assertBroken(ChainVerifier.verify(ChainFixtures.CHAIN, links, chain.head()), 2, BreakReason.OUT_OF_ORDER);
  }

  @Test
  void aDeletedTailIsTruncatedAgainstTheRecordedHead() {
    ChainFixtures.Built chain = ChainFixtures.chain(6);
    List<ChainLink> links = chain.links().subList(0, 4);

    assertBroken(ChainVerifier.verify(ChainFixtures.CHAIN, links, chain.head()), 5, BreakReason.TRUNCATED);
    // without the recorded head, a shortened chain still looks whole: that is what the head is for
    assertThat(ChainVerifier.verify(ChainFixtures.CHAIN, links, new ChainHead(ChainFixtures.CHAIN, 4,
        links.get(3).hash())).valid()).isTrue();
  }

  @Test
  void aRewrittenChainDoesNotMatchTheRecordedHead() {
    ChainFixtures.Built original = ChainFixtures.chain(4);
    // rebuild the chain with one entry changed: every hash recomputed, internally consistent
    ChainHead head = ChainHead.empty(ChainFixtures.CHAIN);
    List<ChainLink> forged = new ArrayList<>();
    for (ChainLink link : original.links()) {
      ChainEntry entry = link.seq() == 2 ? ChainFixtures.event(999) : link.entry();
      ChainLink next = head.link(entry);
      forged.add(next);
      head = head.advance(next);
    }

    assertBroken(ChainVerifier.verify(ChainFixtures.CHAIN, forged, original.head()), 4, BreakReason.HEAD_MISMATCH);
  }

  @Test
  void linksBeyondTheRecordedHeadAreReported() {
    ChainFixtures.Built chain = ChainFixtures.chain(5);
    ChainHead older = new ChainHead(ChainFixtures.CHAIN, 3, chain.links().get(2).hash());

    assertBroken(ChainVerifier.verify(ChainFixtures.CHAIN, chain.links(), older), 4, BreakReason.BEYOND_RECORDED_HEAD);
  }

  @Test
  void linksWithoutARecordedHeadAreReported() {
    ChainFixtures.Built chain = ChainFixtures.chain(2);

    assertBroken(ChainVerifier.verify(ChainFixtures.CHAIN, chain.links(), null), 2, BreakReason.HEAD_MISSING);
  }

  @Test
  void aLinkOfAnotherChainIsForeign() {
    ChainFixtures.Built chain = ChainFixtures.chain(3);

    assertBroken(ChainVerifier.verify("tollgate.approvals-0", chain.links(), chain.head()), 1, BreakReason.FOREIGN_LINK);
  }

  @Test
  void aHeadRefusesALinkThatDoesNotFollowIt() {
    ChainFixtures.Built chain = ChainFixtures.chain(3);
    ChainHead start = ChainHead.empty(ChainFixtures.CHAIN);

    assertThatThrownBy(() -> start.advance(chain.links().get(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> start.link(new ChainEntry.Unreadable(new SourcePosition("other", 0, 0), null, null, "r", null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertBroken(ChainReport report, long seq, BreakReason reason) {
    assertThat(report.valid()).isFalse();
    assertThat(report.firstBrokenLink().reason()).as(report.firstBrokenLink().detail()).isEqualTo(reason);
    assertThat(report.firstBrokenLink().seq()).isEqualTo(seq);
  }
}
