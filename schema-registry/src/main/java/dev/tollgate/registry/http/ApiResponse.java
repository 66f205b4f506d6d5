package dev.tollgate.registry.http;

/** What a route answers: a status and either a value to render as JSON or JSON text as it is. */
record ApiResponse(int status, Object body, String rawJson) {

  static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, null);
  }

  /** A stored schema, sent verbatim (it already is JSON). */
  static ApiResponse rawJson(String json) {
    return new ApiResponse(200, null, json);
  }
}
