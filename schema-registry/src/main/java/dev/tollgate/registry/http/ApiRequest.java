package dev.tollgate.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.registry.store.RegistryError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One HTTP request as the routes see it: path variables, query parameters and the JSON body. */
final class ApiRequest {

  private static final Set<String> JSON_TYPES = Set.of(
      "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
      "application/json", "application/octet-stream");

  private final Map<String, String> pathVariables;
  private final Map<String, String> query;
  private final String contentType;
  private final byte[] body;
  private final ObjectMapper json;

  ApiRequest(Map<String, String> pathVariables, Map<String, String> query, String contentType, byte[] body,
      ObjectMapper json) {
    this.pathVariables = pathVariables;
    this.query = query;
    this.contentType = contentType;
    this.body = body;
    this.json = json;
  }

  String path(String name) {
    return pathVariables.get(name);
  }

  /** A boolean query parameter such as {@code ?deleted=true}; absent means false. */
  boolean flag(String name) {
    return "true".equalsIgnoreCase(query.get(name));
  }

  /** The body as a JSON object: 415 for a media type other than JSON, 400 when it is not a JSON object. */
  JsonNode jsonBody() {
    if (contentType != null && !contentType.isBlank()) {
      String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!JSON_TYPES.contains(mediaType)) {
        throw RegistryError.UNSUPPORTED_MEDIA_TYPE.exception("Unsupported media type " + mediaType
            + "; send application/vnd.schemaregistry.v1+json or application/json");
      }
    }
    try {
      JsonNode node = body.length == 0 ? null : json.readTree(body);
      if (node == null || !node.isObject()) {
        throw RegistryError.BAD_REQUEST.exception("The request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw RegistryError.BAD_REQUEST.exception("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
