package dev.tollgate.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The byte layout of PostgreSQL's binary COPY stream, and refusals of a row given the wrong number of fields. */
class BinaryCopyRowsTest {

  @Test
  void aRowIsItsFieldCountThenEachFieldAsLengthAndBytesBetweenTheSignatureAndTheTrailer() throws IOException {
    byte[] stream = new BinaryCopyRows(0).row(5)
        .text("é").int4(7).nul().timestamptz(Instant.parse("2000-01-01T00:00:01.000002Z")).jsonb("{}")
        .finish().readAllBytes();

    ByteBuffer in = ByteBuffer.wrap(stream);
    byte[] signature = new byte[11];
    in.get(signature);
    assertThat(signature).isEqualTo(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
    assertThat(in.getInt()).as("flags").isZero();
    assertThat(in.getInt()).as("header extension").isZero();
    assertThat(in.getShort()).as("fields").isEqualTo((short) 5);
    assertThat(in.getInt()).isEqualTo(2);
    byte[] text = new byte[2];
    in.get(text);
    assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("é");
    assertThat(in.getInt()).isEqualTo(4);
    assertThat(in.getInt()).isEqualTo(7);
    assertThat(in.getInt()).as("NULL").isEqualTo(-1);
    assertThat(in.getInt()).isEqualTo(8);
    assertThat(in.getLong()).as("microseconds since 2000-01-01").isEqualTo(1_000_002L);
    assertThat(in.getInt()).isEqualTo(3);
    assertThat(in.get()).as("jsonb version").isEqualTo((byte) 1);
    assertThat((char) in.get()).isEqualTo('{');
    assertThat((char) in.get()).isEqualTo('}');
    assertThat(in.getShort()).as("trailer").isEqualTo((short) -1);
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void growsPastItsFirstGuessAndCountsRows() throws IOException {
    BinaryCopyRows rows = new BinaryCopyRows(1);
    String big = "x".repeat(10_000);
    rows.row(1).text(big);
    rows.row(1).bytea(null);

    assertThat(rows.rows()).isEqualTo(2);
    assertThat(rows.finish().readAllBytes()).hasSize(11 + 8 + (2 + 4 + 10_000) + (2 + 4) + 2);
  }

  @Test
  void refusesARowWithTooFewOrTooManyFields() {
    assertThatThrownBy(() -> new BinaryCopyRows(0).row(2).int4(1).row(1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks 1 field");
    assertThatThrownBy(() -> new BinaryCopyRows(0).row(1).int4(1).int4(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("more fields");
    assertThatThrownBy(() -> new BinaryCopyRows(0).row(2).int4(1).finish())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("lacks 1 field");
  }
}
