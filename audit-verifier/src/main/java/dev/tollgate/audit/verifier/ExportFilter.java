package dev.tollgate.audit.verifier;

import java.time.Instant;

/**
 * What an export selected; each part may be null. With only a time range, every chain is exported
 * as one contiguous run of links, from its first to its last link whose time (occurredAt, or when
 * an unreadable record was received) lies in {@code [from, to)}. With a model, only that model's
 * events (within the range, if any): a subset of each chain, contiguous only where the model's
 * events follow each other.
 */
public record ExportFilter(String model, Instant from, Instant to) {

  public static final ExportFilter EVERYTHING = new ExportFilter(null, null, null);
}
