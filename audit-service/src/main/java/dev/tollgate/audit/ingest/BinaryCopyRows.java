package dev.tollgate.audit.ingest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, for {@code COPY … FROM STDIN (FORMAT binary)}.
 * Binary, not text, because the server then neither parses numbers, timestamps and hex-encoded
 * bytea nor unescapes anything: a tab, newline, backslash or {@code \N} inside a value is just
 * bytes. Text values are sent as UTF-8, so the database must be UTF8 ({@link TrailStore} checks).
 *
 * <p>Each row is a field count, then each field as a length (-1 for NULL) and its bytes; the
 * stream opens with a fixed signature and ends with a -1 field count.
 */
final class BinaryCopyRows {

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L; // 2000-01-01T00:00:00Z
  private static final byte JSONB_VERSION = 1;

  private byte[] buffer;
  private int size;
  private int rows;
  private int fieldsLeft;
  private boolean finished;

  BinaryCopyRows(int expectedBytes) {
    buffer = new byte[Math.max(64, expectedBytes)];
    put(SIGNATURE);
    putInt(0); // flags: no OIDs
    putInt(0); // no header extension
  }

  /** Starts a row of {@code fields} values; each must then be given, in the table's column order. */
  BinaryCopyRows row(int fields) {
    if (fieldsLeft != 0) {
      throw new IllegalStateException("the previous row still lacks " + fieldsLeft + " field(s)");
    }
    fieldsLeft = fields;
    rows++;
    putShort(fields);
    return this;
  }

  BinaryCopyRows text(String value) {
    return value == null ? nul() : field(value.getBytes(StandardCharsets.UTF_8));
  }

  BinaryCopyRows int4(int value) {
    field(4);
    putInt(value);
    return this;
  }

  BinaryCopyRows int8(long value) {
    field(8);
    putLong(value);
    return this;
  }

  BinaryCopyRows bytea(byte[] value) {
    return value == null ? nul() : field(value);
  }

  /** A {@code timestamptz}: microseconds since 2000-01-01 UTC (sub-microsecond digits are cut off). */
  BinaryCopyRows timestamptz(Instant value) {
    if (value == null) {
      return nul();
    }
    long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
        value.getNano() / 1_000L);
    return int8(micros);
  }

  /** A {@code jsonb}: its format version byte, then the JSON text (the server still parses and checks it). */
  BinaryCopyRows jsonb(String json) {
    if (json == null) {
      return nul();
    }
    byte[] text = json.getBytes(StandardCharsets.UTF_8);
    field(text.length + 1);
    ensure(1);
    buffer[size++] = JSONB_VERSION;
    put(text);
    return this;
  }

  BinaryCopyRows nul() {
    field(-1);
    return this;
  }

  int rows() {
    return rows;
  }

  /** Ends the stream and reads it from the buffer as written (no copy of a batch's worth of bytes). */
  InputStream finish() {
    if (fieldsLeft != 0) {
      throw new IllegalStateException("the last row still lacks " + fieldsLeft + " field(s)");
    }
    if (!finished) {
      putShort(-1);
      finished = true;
    }
    return new ByteArrayInputStream(buffer, 0, size);
  }

  private BinaryCopyRows field(byte[] value) {
    field(value.length);
    put(value);
    return this;
  }

  private void field(int length) {
    if (finished) {
      throw new IllegalStateException("the rows are finished");
    }
    if (fieldsLeft == 0) {
      throw new IllegalStateException("more fields than the row was started with");
    }
    fieldsLeft--;
    putInt(length);
  }

  private void put(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, buffer, size, value.length);
    size += value.length;
  }

  private void putShort(int value) {
    ensure(2);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
  }

  private void putInt(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  private void putLong(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
