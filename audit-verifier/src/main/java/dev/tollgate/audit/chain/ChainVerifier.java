package dev.tollgate.audit.chain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recomputes a chain from its stored links and reports the first broken one. Links are fed in the
 * order they are stored by sequence number; the verifier holds only the previous link, so a chain
 * of any length streams through it.
 *
 * <p>Per link it checks, in this order (so the reason names the likeliest tampering): it belongs to
 * the chain; its sequence number is the next one (gap: deleted; repeat or step back: inserted);
 * its prev_hash is the previous link's hash (reordered or replaced); its hash is SHA-256 over
 * prev_hash and its canonical bytes (edited); and, where a signed checkpoint covers the link, the
 * checkpoint's signature verifies with a trusted key and its head hash and event count are the
 * link's. At the end it compares the last link with the head recorded at ingest, which catches a
 * deleted tail, and looks for checkpoints past the end, which catches a deleted tail whose recorded
 * head was rewritten too. A rewrite that recomputes every hash after the last checkpoint is only
 * caught by the next checkpoint — or by whoever kept a later one (the audit-checkpoint topic).
 */
public final class ChainVerifier {

  private ChainVerifier() {}

  /** Verifies a whole chain held in memory, without checkpoints. */
  public static ChainReport verify(String chainId, Iterable<ChainLink> links, ChainHead recordedHead) {
    Run run = start(chainId);
    links.forEach(run::accept);
    return run.finish(recordedHead);
  }

  public static Run start(String chainId) {
    return new Run(chainId, 0, ChainHash.GENESIS, 0, List.of(), TrustedKeys.of());
  }

  /** A run over the whole chain that also checks {@code checkpoints} of it against {@code keys}. */
  public static Run start(String chainId, Collection<SignedCheckpoint> checkpoints, TrustedKeys keys) {
    return new Run(chainId, 0, ChainHash.GENESIS, 0, checkpoints, keys);
  }

  /**
   * A run over the links after {@code anchor} only (a checkpoint already verified), for checking
   * what was appended since before signing a new head.
   *
   * @param eventsAtAnchor readable events among links 1..anchor.seq
   */
  public static Run resume(ChainHead anchor, long eventsAtAnchor) {
    return new Run(anchor.chainId(), anchor.seq(), anchor.hash(), eventsAtAnchor, List.of(), TrustedKeys.of());
  }

  /** One verification in progress. Not thread-safe. */
  public static final class Run {
    private final String chainId;
    private final NavigableMap<Long, List<SignedCheckpoint>> checkpoints = new TreeMap<>();
    private final TrustedKeys keys;
    private long events;
    private long eventLinks;
    private long checkpointsHeld;
    private long lastSeq;
    private ChainHash lastHash;
    private BrokenLink broken;

    private Run(String chainId, long startSeq, ChainHash startHash, long startEventLinks,
        Collection<SignedCheckpoint> checkpoints, TrustedKeys keys) {
      this.chainId = Objects.requireNonNull(chainId, "chainId");
      this.lastSeq = startSeq;
      this.lastHash = startHash;
      this.eventLinks = startEventLinks;
      this.keys = keys;
      for (SignedCheckpoint checkpoint : checkpoints) {
        if (!checkpoint.chainId().equals(chainId)) {
          throw new IllegalArgumentException("checkpoint of " + checkpoint.chainId() + " given for chain " + chainId);
        }
        this.checkpoints.computeIfAbsent(checkpoint.seq(), s -> new ArrayList<>()).add(checkpoint);
      }
    }

    public void accept(ChainLink link) {
      events++;
      if (link.entry() instanceof ChainEntry.Event) {
        eventLinks++;
      }
      if (broken == null) {
        broken = check(link);
      }
      if (broken == null) {
        broken = checkCheckpoints(link);
      }
      lastSeq = link.seq();
      lastHash = link.hash();
    }

    /** Readable events among the links seen so far (plus those before the anchor of a resumed run). */
    public long eventLinks() {
      return eventLinks;
    }

    /** The head after the last link seen (the anchor when none was seen). */
    public ChainHead head() {
      return new ChainHead(chainId, lastSeq, lastHash);
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
      if (broken == null) {
        broken = checkBeyondEnd();
      }
      return new ChainReport(chainId, events, events == 0 ? null : lastHash, broken, checkpointsHeld);
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

    private BrokenLink checkCheckpoints(ChainLink link) {
      for (SignedCheckpoint checkpoint : checkpoints.getOrDefault(link.seq(), List.of())) {
        String signatureProblem = keys.problemWith(checkpoint);
        if (signatureProblem != null) {
          return new BrokenLink(link.seq(), BreakReason.CHECKPOINT_SIGNATURE_INVALID, signatureProblem);
        }
        CheckpointStatement statement = checkpoint.statement();
        if (!statement.headHash().equals(link.hash())) {
          return new BrokenLink(link.seq(), BreakReason.CHECKPOINT_MISMATCH,
              "checkpoint signed at " + statement.signedAt() + " says link " + link.seq() + " has hash "
                  + statement.headHash() + " but the chain has " + link.hash());
        }
        if (statement.eventCount() != eventLinks) {
          return new BrokenLink(link.seq(), BreakReason.CHECKPOINT_MISMATCH,
              "checkpoint signed at " + statement.signedAt() + " counts " + statement.eventCount()
                  + " readable events up to link " + link.seq() + " but the chain has " + eventLinks);
        }
        checkpointsHeld++;
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

    private BrokenLink checkBeyondEnd() {
      Optional<SignedCheckpoint> impossible = checkpoints.headMap(1L, false).values().stream()
          .flatMap(List::stream).findFirst();
      if (impossible.isPresent()) {
        return new BrokenLink(1, BreakReason.CHECKPOINT_SIGNATURE_INVALID,
            "a checkpoint claims link " + impossible.get().seq() + ", which no chain has; it was not signed so");
      }
      Optional<SignedCheckpoint> beyond = checkpoints.tailMap(lastSeq, false).values().stream()
          .flatMap(List::stream).findFirst();
      if (beyond.isEmpty()) {
        return null;
      }
      String signatureProblem = keys.problemWith(beyond.get());
      if (signatureProblem != null) {
        return new BrokenLink(beyond.get().seq(), BreakReason.CHECKPOINT_SIGNATURE_INVALID, signatureProblem);
      }
      return new BrokenLink(lastSeq + 1, BreakReason.CHECKPOINT_BEYOND_CHAIN,
          "chain ends at link " + lastSeq + " but a checkpoint signed at " + beyond.get().statement().signedAt()
              + " covers link " + beyond.get().seq());
    }
  }
}
