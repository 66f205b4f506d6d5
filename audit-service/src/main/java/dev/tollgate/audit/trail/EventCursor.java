package dev.tollgate.audit.trail;

import dev.tollgate.audit.api.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a filtered timeline ended: the sort key of its last event (occurred_at, lifecycle
 * topic rank, partition, offset) and how many events came before. Opaque to clients: base64url of
 * {@code v1:<epochSecond>:<nano>:<rank>:<partition>:<offset>:<position>}; anything else is a 400.
 */
record EventCursor(Instant occurredAt, int topicRank, int partition, long offset, long position) {

  private static final String VERSION = "v1";

  String encode() {
    String raw = String.join(":", VERSION, Long.toString(occurredAt.getEpochSecond()),
        Integer.toString(occurredAt.getNano()), Integer.toString(topicRank), Integer.toString(partition),
        Long.toString(offset), Long.toString(position));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  static EventCursor decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
      if (parts.length != 7 || !VERSION.equals(parts[0])) {
        throw new IllegalArgumentException("unknown cursor layout");
      }
      return new EventCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
          Integer.parseInt(parts[3]), Integer.parseInt(parts[4]), Long.parseLong(parts[5]), Long.parseLong(parts[6]));
    } catch (RuntimeException e) {
      throw new InvalidParameterException("cursor", "is not a cursor this service issued");
    }
  }
}
