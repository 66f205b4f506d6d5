package dev.tollgate.audit.chain;

import java.util.Objects;

/**
 * Recomputes a chain from its stored links and reports the first broken one. Links are fed in the
 * order they are stored by sequence number; the verifier holds only the previous link, so a chain
 * of any length streams through it.
 *
 * <p>Per link it checks, in this order (so the reason names the likeliest tampering): it belongs to
 * the chain; its sequence number is the next one (gap: deleted; repeat or step back: inserted);
 * its prev_hash is the previous link's hash (reordered or replaced); its hash is SHA-256 over
 * prev_hash and its canonical bytes (edited). At the end it compares the last link with the head
 * recorded at ingest, which catches a deleted tail. A rewrite that recomputes every later hash is
 * only caught against a head kept outside the database — the signed checkpoints.
 */
public final class ChainVerifier {

  private ChainVerifier() {}

  /** Verifies a whole chain held in memory. */
  public static ChainReport verify(String chainId, Iterable<ChainLink> links, ChainHead recordedHead) {
    Run run = start(chainId);
    links.forEach(run::accept);
    return run.finish(recordedHead);
  }

  public static Run start(String chainId) {
    return new Run(chainId);
  }

  /** One verification in progress. Not thread-safe. */
  public static final class Run {
    private final String chainId;
    private long events;
    private long lastSeq;
    private ChainHash lastHash = ChainHash.GENESIS;
    private BrokenLink broken;

    private Run(String chainId) {
      this.chainId = Objects.requireNonNull(chainId, "chainId");
    }

    public void accept(ChainLink link) {
      events++;
      if (broken == null) {
        broken = check(link);
      }
      lastSeq = link.seq();
      lastHash = link.hash();
    }

    /**
     * Ends the run against the head recorded at ingest.
     *
     * @param recordedHead the head the ingest path recorded, or null when none is recorded
     */
    public ChainReport finish(ChainHead recordedHead) {
      if (broken == null) {
        broken = checkHead(recordedHead);
      }
      return new ChainReport(chainId, events, events == 0 ? null : lastHash, broken);
    }

    private BrokenLink check(ChainLink link) {
      long expected = lastSeq + 1;
      if (!link.chainId().equals(chainId) || !link.entry().source().chainId().equals(chainId)) {
        return new BrokenLink(link.seq(), BreakReason.FOREIGN_LINK,
            "link " + link.seq() + " records " + link.entry().source().chainId() + " in chain " + link.chainId()
                + ", expected " + chainId);
      }
      if (link.seq() > expected) {
        return new BrokenLink(expected, BreakReason.MISSING_LINK,
            "link " + expected + " is missing: link " + lastSeq + " is followed by link " + link.seq());
      }
      if (link.seq() < expected) {
        return new BrokenLink(link.seq(), BreakReason.OUT_OF_ORDER,
            "link " + link.seq() + " appears after link " + lastSeq);
      }
      if (!link.prevHash().equals(lastHash)) {
        return new BrokenLink(link.seq(), BreakReason.PREV_HASH_MISMATCH,
            "link " + link.seq() + " follows hash " + link.prevHash() + " but link " + lastSeq + " has hash " + lastHash);
      }
      ChainHash expectedHash = link.expectedHash();
      if (!link.hash().equals(expectedHash)) {
        return new BrokenLink(link.seq(), BreakReason.CONTENT_ALTERED,
            "link " + link.seq() + " (" + link.entry().source().topic() + "/" + link.entry().source().partition()
                + "@" + link.entry().source().offset() + ") stores hash " + link.hash()
                + " but its fields hash to " + expectedHash);
      }
      return null;
    }

    private BrokenLink checkHead(ChainHead head) {
      if (head == null) {
        return events == 0 ? null : new BrokenLink(lastSeq, BreakReason.HEAD_MISSING,
            "chain has " + events + " links but no recorded head");
      }
      if (lastSeq < head.seq()) {
        return new BrokenLink(lastSeq + 1, BreakReason.TRUNCATED,
            "chain ends at link " + lastSeq + " but the recorded head is link " + head.seq());
      }
      if (lastSeq > head.seq()) {
        return new BrokenLink(head.seq() + 1, BreakReason.BEYOND_RECORDED_HEAD,
            "chain continues to link " + lastSeq + " past the recorded head, link " + head.seq());
      }
      if (!lastHash.equals(head.hash())) {
        return new BrokenLink(lastSeq, BreakReason.HEAD_MISMATCH,
            "link " + lastSeq + " has hash " + lastHash + " but the recorded head is " + head.hash());
      }
      return null;
    }
  }
}
