package dev.tollgate.audit.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds small chains for tests. */
final class ChainFixtures {

  static final String TOPIC = "tollgate.approvals";
  static final int PARTITION = 1;
  static final String CHAIN = ChainIds.of(TOPIC, PARTITION);

  private ChainFixtures() {}

  static ChainEntry.Event event(long offset) {
    return new ChainEntry.Event(new SourcePosition(TOPIC, PARTITION, offset),
        "fraud-detector".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1, (byte) offset},
        1, "event-" + offset, "ApprovalGranted", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(offset),
        "alice", "dep-1", "fraud-detector", "1.4.0", "staging", null);
  }

  /** A valid chain of {@code n} links and the head after the last one. */
  static Built chain(int n) {
    ChainHead head = ChainHead.empty(CHAIN);
    List<ChainLink> links = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ChainEntry entry = i % 4 == 3
          ? new ChainEntry.Unreadable(new SourcePosition(TOPIC, PARTITION, 10L + i), null, new byte[] {9}, "wrong-magic-byte", "bad")
          : event(10L + i);
      ChainLink link = head.link(entry);
      links.add(link);
      head = head.advance(link);
    }
    return new Built(links, head);
  }

  record Built(List<ChainLink> links, ChainHead head) {}
}
