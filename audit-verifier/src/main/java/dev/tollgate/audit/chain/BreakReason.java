package dev.tollgate.audit.chain;

/** Why a chain stops verifying at a link. {@link #code()} is what reports and the REST API show. */
public enum BreakReason {
  /** A sequence number is skipped: a link was deleted. */
  MISSING_LINK("missing-link"),
  /** A sequence number repeats or goes back: a link was inserted or duplicated. */
  OUT_OF_ORDER("out-of-order"),
  /** The link's prev_hash is not the previous link's hash: links were reordered or one was replaced. */
  PREV_HASH_MISMATCH("prev-hash-mismatch"),
  /** The stored hash is not the hash of the stored fields: the link was edited. */
  CONTENT_ALTERED("content-altered"),
  /** The link names another chain or records a record of another topic-partition. */
  FOREIGN_LINK("foreign-link"),
  /** The chain ends before the head recorded at ingest: its tail was deleted. */
  TRUNCATED("truncated"),
  /** Links exist after the head recorded at ingest: they were added outside the ingest path. */
  BEYOND_RECORDED_HEAD("beyond-recorded-head"),
  /** The last link's hash differs from the head recorded at ingest: the chain was rewritten. */
  HEAD_MISMATCH("head-mismatch"),
  /** Links exist but no head was recorded for the chain: the recorded head was deleted. */
  HEAD_MISSING("head-missing"),
  /** A checkpoint's signature does not verify, or names a key that is not trusted: it was forged or edited. */
  CHECKPOINT_SIGNATURE_INVALID("checkpoint-signature-invalid"),
  /**
   * The link a checkpoint covers has another hash, or another number of readable events precede it,
   * than the signed checkpoint says: the chain was rewritten after it was signed.
   */
  CHECKPOINT_MISMATCH("checkpoint-mismatch"),
  /** A signed checkpoint covers links the chain no longer has: its tail was deleted, recorded head included. */
  CHECKPOINT_BEYOND_CHAIN("checkpoint-beyond-chain");

  private final String code;

  BreakReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
