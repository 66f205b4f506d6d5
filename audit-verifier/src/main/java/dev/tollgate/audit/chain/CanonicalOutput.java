package dev.tollgate.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The primitives of every canonical encoding in this package: big-endian integers, and strings and
 * byte arrays each prefixed by an i32 length (-1 for null), so no two field lists share an encoding.
 */
final class CanonicalOutput {

  private final ByteArrayOutputStream buffer;
  private final DataOutputStream out;

  CanonicalOutput(int expectedSize) {
    this.buffer = new ByteArrayOutputStream(expectedSize);
    this.out = new DataOutputStream(buffer);
  }

  CanonicalOutput u8(int value) {
    return write(() -> out.writeByte(value));
  }

  CanonicalOutput i32(int value) {
    return write(() -> out.writeInt(value));
  }

  CanonicalOutput i64(long value) {
    return write(() -> out.writeLong(value));
  }

  CanonicalOutput string(String value) {
    return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  CanonicalOutput bytes(byte[] value) {
    return write(() -> {
      if (value == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(value.length);
        out.write(value);
      }
    });
  }

  /** Epoch seconds (i64) and nanos of the second (i32). */
  CanonicalOutput instant(Instant value) {
    return write(() -> {
      out.writeLong(value.getEpochSecond());
      out.writeInt(value.getNano());
    });
  }

  byte[] toByteArray() {
    return buffer.toByteArray();
  }

  private CanonicalOutput write(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return this;
  }

  @FunctionalInterface
  private interface Write {
    void run() throws IOException;
  }
}
