package dev.tollgate.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CanonicalBytesTest {

  // Expected hashes were computed outside Java (Python struct + hashlib) from the layout documented
  // on CanonicalBytes; a change of the layout must be a new format version, not a silent change.
  @Test
  void eventLinkHashMatchesTheDocumentedLayout() {
    ChainEntry.Event entry = new ChainEntry.Event(new SourcePosition("tollgate.approvals", 2, 41),
        "fraud-detector".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 5, 1, 2, 3}, 5, "e-1",
        "ApprovalGranted", Instant.parse("2026-01-02T03:04:05.678Z"), "alice", "d-1", "fraud-detector", "1.4.0",
        "staging", null);

    ChainHead head = new ChainHead("tollgate.approvals-2", 6, ChainHash.GENESIS);
    ChainLink link = head.link(entry);

    assertThat(CanonicalBytes.of("tollgate.approvals-2", 7, entry)).hasSize(223);
    assertThat(link.seq()).isEqualTo(7);
    assertThat(link.hash().hex()).isEqualTo("39dc022f84b9fdb37864d63de4dbc2fcf04bdf67112a7905623335a832c22875");
  }

  @Test
  void unreadableLinkHashMatchesTheDocumentedLayout() {
    ChainEntry.Unreadable entry = new ChainEntry.Unreadable(new SourcePosition("tollgate.rollouts", 0, 0), null,
        "garbage".getBytes(StandardCharsets.UTF_8), "wrong-magic-byte", "bad");

    ChainLink link = ChainHead.empty("tollgate.rollouts-0").link(entry);

    assertThat(link.seq()).isEqualTo(1);
    assertThat(link.prevHash()).isEqualTo(ChainHash.GENESIS);
    assertThat(link.hash().hex()).isEqualTo("551b12122e7caf2b5e974841a1c1395564e3075e109b6e0c361a17385c33ec77");
  }

  @Test
  void lengthPrefixesKeepNeighbouringFieldsApart() {
    ChainEntry.Event a = withVersionAndEnvironment("1.4", "0staging");
    ChainEntry.Event b = withVersionAndEnvironment("1.40", "staging");

    assertThat(CanonicalBytes.of("c", 1, a)).isNotEqualTo(CanonicalBytes.of("c", 1, b));
  }

  @Test
  void nullAndEmptyAreDifferent() {
    ChainEntry.Unreadable withNull = new ChainEntry.Unreadable(new SourcePosition("t", 0, 1), null, null, "r", null);
    ChainEntry.Unreadable withEmpty = new ChainEntry.Unreadable(new SourcePosition("t", 0, 1), new byte[0], null, "r", null);

    assertThat(CanonicalBytes.of("t-0", 1, withNull)).isNotEqualTo(CanonicalBytes.of("t-0", 1, withEmpty));
  }

  private static ChainEntry.Event withVersionAndEnvironment(String version, String environment) {
    return new ChainEntry.Event(new SourcePosition("t", 0, 1), null, new byte[] {0}, 1, "e", "X",
        Instant.EPOCH, "a", null, "m", version, environment, null);
  }
}
