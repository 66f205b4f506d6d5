package dev.tollgate.audit.chain;

import java.util.Objects;

/** One stored link: its place in the chain, the hash it follows, its own hash, and what it records. */
public record ChainLink(String chainId, long seq, ChainHash prevHash, ChainHash hash, ChainEntry entry) {

  public ChainLink {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(entry, "entry");
  }

  /** The hash this link should carry given its stored fields: SHA-256(prevHash ‖ canonical bytes). */
  public ChainHash expectedHash() {
    return ChainHash.link(prevHash, CanonicalBytes.of(chainId, seq, entry));
  }
}
