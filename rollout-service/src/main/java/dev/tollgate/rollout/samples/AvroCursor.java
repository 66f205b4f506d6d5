package dev.tollgate.rollout.samples;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A read position in Avro's binary encoding, for the ingest's readers that decode a known layout
 * field by field. Anything not well formed (a varint or a string running past the end, a bad union
 * branch) is {@link Malformed}: the caller then leaves the record to the Avro reader, which says
 * what is wrong with it.
 */
final class AvroCursor {

  /** The bytes do not hold what the reader expects. */
  static final class Malformed extends Exception {
    Malformed() {
      super(null, null, false, false);
    }
  }

  private final byte[] in;
  private final int end;
  private int at;
  private int stringStart;

  AvroCursor(byte[] in, int from) {
    this.in = in;
    this.at = from;
    this.end = in.length;
  }

  /** Avro's zig-zag varint. */
  long readLong() throws Malformed {
    long raw = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at >= end) {
        throw new Malformed();
      }
      byte b = in[at++];
      raw |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new Malformed();
  }

  /** Eight bytes, little-endian. */
  double readDouble() throws Malformed {
    if (at + 8 > end) {
      throw new Malformed();
    }
    long bits = 0;
    for (int i = 7; i >= 0; i--) {
      bits = (bits << 8) | (in[at + i] & 0xffL);
    }
    at += 8;
    return Double.longBitsToDouble(bits);
  }

  void skip(int bytes) throws Malformed {
    if (bytes > end - at) {
      throw new Malformed();
    }
    at += bytes;
  }

  /** Steps over a string, leaving {@link #stringStart()} at its first byte; returns its length in bytes. */
  int string() throws Malformed {
    long length = readLong();
    if (length < 0 || length > end - at) {
      throw new Malformed();
    }
    stringStart = at;
    at += (int) length;
    return (int) length;
  }

  /** Steps over a union of null and string. */
  void optionalString() throws Malformed {
    long branch = readLong();
    if (branch == 1) {
      string();
    } else if (branch != 0) {
      throw new Malformed();
    }
  }

  /**
   * The item count of an array's or map's next block, 0 after its last: a writer may give a block a
   * negative count followed by the block's size in bytes, which is stepped over.
   */
  long blockCount() throws Malformed {
    long count = readLong();
    if (count < 0) {
      readLong(); // the block's size in bytes
      return -count;
    }
    return count;
  }

  /** A map of doubles, block by block; {@code Map.of()} when empty, which most are. */
  Map<String, Double> readDoubleMap() throws Malformed {
    Map<String, Double> map = Map.of();
    for (long count = blockCount(); count != 0; count = blockCount()) {
      if (map.isEmpty()) {
        map = new HashMap<>();
      }
      for (long i = 0; i < count; i++) {
        int length = string();
        map.put(lastString(length), readDouble());
      }
    }
    return map;
  }

  /** The string last stepped over, decoded. */
  String lastString(int length) {
    return new String(in, stringStart, length, StandardCharsets.UTF_8);
  }

  /** Whether the string last stepped over has exactly these bytes. */
  boolean lastStringIs(byte[] bytes, int length) {
    return bytes.length == length && Arrays.equals(bytes, 0, length, in, stringStart, stringStart + length);
  }

  byte[] lastStringBytes(int length) {
    return Arrays.copyOfRange(in, stringStart, stringStart + length);
  }

  /** The record's bytes, for a reader that works on a string where it lies (the id fingerprint). */
  byte[] bytes() {
    return in;
  }

  int stringStart() {
    return stringStart;
  }

  boolean atEnd() {
    return at == end;
  }
}
