package dev.tollgate.audit.chain;

/**
 * The result of verifying one chain.
 *
 * @param events links seen
 * @param headHash hash stored on the last link seen, null for an empty chain
 * @param firstBrokenLink null when the chain verifies
 */
public record ChainReport(String chainId, long events, ChainHash headHash, BrokenLink firstBrokenLink) {

  public boolean valid() {
    return firstBrokenLink == null;
  }
}
