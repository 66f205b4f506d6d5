package dev.tollgate.audit.chain;

import java.util.Objects;

/** The first link at which a chain fails verification, why, and a sentence for a person. */
public record BrokenLink(long seq, BreakReason reason, String detail) {

  public BrokenLink {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
