package dev.tollgate.audit.verify;

import dev.tollgate.audit.chain.ChainReport;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/verify}: whether every chain verifies, and each chain's report. */
public record VerificationReport(boolean valid, Instant verifiedAt, List<Chain> chains) {

  /**
   * One chain: its link count, the hash of its last link, how many signed checkpoints were checked
   * and hold, and the first broken link or null.
   */
  public record Chain(String chainId, long events, String headHash, long checkpoints, BrokenLink firstBrokenLink) {

    static Chain of(ChainReport report) {
      var broken = report.firstBrokenLink();
      return new Chain(report.chainId(), report.events(),
          report.headHash() == null ? null : report.headHash().hex(), report.checkpoints(),
          broken == null ? null : new BrokenLink(broken.seq(), broken.reason().code(), broken.detail()));
    }
  }

  /**
   * Where and why a chain breaks; {@code reason} is e.g. content-altered, missing-link, truncated,
   * checkpoint-signature-invalid, checkpoint-mismatch, checkpoint-beyond-chain.
   */
  public record BrokenLink(long seq, String reason, String detail) {}
}
