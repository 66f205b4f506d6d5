package dev.tollgate.rollout.state.routing;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How one instance hands another the answer to a forwarded query: the state's own records as JSON.
 * Both ends use this one mapper, so the format does not depend on how Spring's is configured.
 */
public final class StateWire {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private StateWire() {}

  public static byte[] write(Object answer) {
    return MAPPER.writeValueAsBytes(answer);
  }

  static <T> T read(byte[] json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JacksonException e) {
      throw new IllegalStateException("unreadable answer from another instance: " + e.getOriginalMessage(), e);
    }
  }
}
