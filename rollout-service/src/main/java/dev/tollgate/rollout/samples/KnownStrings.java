package dev.tollgate.rollout.samples;

import java.util.ArrayList;
import java.util.List;

/**
 * The same String instance each time for the few names that recur in health samples (models,
 * versions, environments), made once from their bytes instead of once per sample; later lookups by
 * those instances compare references and cached hashes. Forgets everything once it holds {@code
 * capacity} names, so a stream of ever-new names cannot grow it. One thread at a time.
 */
final class KnownStrings {

  private final int capacity;
  private final List<byte[]> bytes = new ArrayList<>();
  private final List<String> strings = new ArrayList<>();

  KnownStrings(int capacity) {
    this.capacity = capacity;
  }

  /** The string {@code cursor} last stepped over, {@code length} bytes long. */
  String of(AvroCursor cursor, int length) {
    for (int i = bytes.size() - 1; i >= 0; i--) {
      if (cursor.lastStringIs(bytes.get(i), length)) {
        return strings.get(i);
      }
    }
    if (bytes.size() >= capacity) {
      bytes.clear();
      strings.clear();
    }
    String value = cursor.lastString(length);
    bytes.add(cursor.lastStringBytes(length));
    strings.add(value);
    return value;
  }
}
