package dev.tollgate.audit.chain;

import java.util.Objects;

/**
 * The end of a chain: the last sequence number and its hash ({@code seq} 0 and {@link
 * ChainHash#GENESIS} for an empty chain). Appending is a pure function: the head and an entry give
 * the next link.
 */
public record ChainHead(String chainId, long seq, ChainHash hash) {

  public ChainHead {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(hash, "hash");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be >= 0: " + seq);
    }
  }

  public static ChainHead empty(String chainId) {
    return new ChainHead(chainId, 0, ChainHash.GENESIS);
  }

  /** The link that records {@code entry} after this head. */
  public ChainLink link(ChainEntry entry) {
    String entryChain = entry.source().chainId();
    if (!entryChain.equals(chainId)) {
      throw new IllegalArgumentException("entry from " + entryChain + " does not belong to chain " + chainId);
    }
    long next = seq + 1;
    return new ChainLink(chainId, next, hash, ChainHash.link(hash, CanonicalBytes.of(chainId, next, entry)), entry);
  }

  /** The head after {@code link} was appended. */
  public ChainHead advance(ChainLink link) {
    if (!link.chainId().equals(chainId) || link.seq() != seq + 1 || !link.prevHash().equals(hash)) {
      throw new IllegalArgumentException("link " + link.chainId() + "#" + link.seq() + " does not follow " + this);
    }
    return new ChainHead(chainId, link.seq(), link.hash());
  }

  public boolean isEmpty() {
    return seq == 0;
  }
}
