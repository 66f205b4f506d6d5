package dev.tollgate.audit.chain;

import java.util.Objects;

/** A checkpoint statement and its Ed25519 signature over {@link CheckpointStatement#canonicalBytes()}. */
public record SignedCheckpoint(CheckpointStatement statement, byte[] signature) {

  public SignedCheckpoint {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(signature, "signature");
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public String chainId() {
    return statement.chainId();
  }

  public long seq() {
    return statement.seq();
  }

  /** Whether {@code key} is the key the statement names and its signature verifies. */
  public boolean verifiedBy(VerifyingKey key) {
    return key.keyId().equals(statement.keyId()) && key.verifies(statement.canonicalBytes(), signature);
  }
}
