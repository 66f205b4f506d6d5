package dev.tollgate.audit.chain;

/**
 * The result of verifying one chain.
 *
 * @param events links seen
 * @param headHash hash stored on the last link seen, null for an empty chain
 * @param firstBrokenLink null when the chain verifies
 * @param checkpoints signed checkpoints of the chain that were checked and hold (signature, head hash, event count)
 */
public record ChainReport(String chainId, long events, ChainHash headHash, BrokenLink firstBrokenLink, long checkpoints) {

  public ChainReport(String chainId, long events, ChainHash headHash, BrokenLink firstBrokenLink) {
    this(chainId, events, headHash, firstBrokenLink, 0);
  }

  public boolean valid() {
    return firstBrokenLink == null;
  }
}
