package dev.tollgate.registry.http;

import dev.tollgate.registry.store.RegistryError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a method and a path such as {@code /subjects/{subject}/versions} to the handler that answers it. */
final class Router {

  @FunctionalInterface
  interface Handler {
    ApiResponse handle(ApiRequest request);
  }

  /** The handler a request goes to, with the path variables it carried. */
  record Match(Handler handler, Map<String, String> pathVariables) {}

  private record Route(String method, List<String> segments, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  Router get(String pattern, Handler handler) {
    return add("GET", pattern, handler);
  }

  Router post(String pattern, Handler handler) {
    return add("POST", pattern, handler);
  }

  Router put(String pattern, Handler handler) {
    return add("PUT", pattern, handler);
  }

  Router delete(String pattern, Handler handler) {
    return add("DELETE", pattern, handler);
  }

  private Router add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, segments(pattern), handler));
    return this;
  }

  /** The route for the request: 404 when no route has that path, 405 when none has it with that method. */
  Match route(String method, String rawPath) {
    List<String> path = decodedSegments(rawPath);
    boolean pathKnown = false;
    for (Route route : routes) {
      Optional<Map<String, String>> variables = match(route.segments(), path);
      if (variables.isPresent()) {
        pathKnown = true;
        if (route.method().equals(method)) {
          return new Match(route.handler(), variables.get());
        }
      }
    }
    throw pathKnown
        ? RegistryError.METHOD_NOT_ALLOWED.exception("HTTP 405 Method Not Allowed")
        : RegistryError.NOT_FOUND.exception("HTTP 404 Not Found");
  }

  private static Optional<Map<String, String>> match(List<String> pattern, List<String> path) {
    if (pattern.size() != path.size()) {
      return Optional.empty();
    }
    Map<String, String> variables = new HashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String expected = pattern.get(i);
      if (expected.startsWith("{") && expected.endsWith("}")) {
        variables.put(expected.substring(1, expected.length() - 1), path.get(i));
      } else if (!expected.equals(path.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(variables);
  }

  private static List<String> segments(String pattern) {
    return Arrays.stream(pattern.split("/")).filter(s -> !s.isEmpty()).toList();
  }

  /** Path segments, each percent-decoded on its own so that a subject may contain an encoded slash. */
  private static List<String> decodedSegments(String rawPath) {
    return Arrays.stream(rawPath.split("/"))
        .filter(s -> !s.isEmpty())
        // in a path '+' is a plus sign, not a space
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
  }

  /** Query parameters, decoded; the first value wins. */
  static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.putIfAbsent(name, value);
    }
    return parameters;
  }
}
