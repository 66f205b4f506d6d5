package dev.tollgate.registry.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.registry.store.SubjectVersion;
import java.util.List;

/** The JSON bodies of Confluent's REST API. schemaType is left out: Confluent omits it for AVRO. */
final class Views {

  private Views() {}

  record Version(String subject, int version, int id, String schema) {
    static Version of(SubjectVersion v) {
      return new Version(v.subject(), v.version(), v.id(), v.schema());
    }
  }

  record Id(int id) {}

  record Schema(String schema) {}

  record SubjectAndVersion(String subject, int version) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Compatibility(@JsonProperty("is_compatible") boolean isCompatible, List<String> messages) {}

  record Level(String compatibilityLevel) {}

  record LevelUpdate(String compatibility) {}

  record Error(@JsonProperty("error_code") int errorCode, String message) {}
}
