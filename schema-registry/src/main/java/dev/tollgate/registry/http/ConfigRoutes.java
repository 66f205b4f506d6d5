package dev.tollgate.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.registry.store.RegistryError;
import dev.tollgate.registry.store.SchemaRegistry;
import dev.tollgate.registry.store.SchemaStore;
import dev.tollgate.schemas.compatibility.CompatibilityLevel;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The global and per-subject compatibility level. */
final class ConfigRoutes {

  private ConfigRoutes() {}

  static void addTo(Router router, SchemaRegistry registry) {
    router
        .get("/config", request -> level(registry.read(SchemaStore::globalLevel)))
        .put("/config", request -> {
          CompatibilityLevel level = requestedLevel(request);
          return updated(registry.write(s -> s.planLevel(null, level)));
        })
        .delete("/config", request -> level(registry.write(s -> s.planLevelRemoval(null))))
        .get("/config/{subject}", request -> {
          String subject = request.path("subject");
          return level(registry.read(s -> s.subjectLevel(subject).orElseGet(() -> {
            if (request.flag("defaultToGlobal")) {
              return s.globalLevel();
            }
            throw SchemaStore.compatibilityNotConfigured(subject);
          })));
        })
        .put("/config/{subject}", request -> {
          CompatibilityLevel level = requestedLevel(request);
          return updated(registry.write(s -> s.planLevel(request.path("subject"), level)));
        })
        .delete("/config/{subject}", request ->
            level(registry.write(s -> s.planLevelRemoval(request.path("subject")))));
  }

  private static ApiResponse level(CompatibilityLevel level) {
    return ApiResponse.ok(new Views.Level(level.name()));
  }

  private static ApiResponse updated(CompatibilityLevel level) {
    return ApiResponse.ok(new Views.LevelUpdate(level.name()));
  }

  private static CompatibilityLevel requestedLevel(ApiRequest request) {
    JsonNode body = request.jsonBody();
    JsonNode value = body.hasNonNull("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
    CompatibilityLevel level = value == null || !value.isTextual() ? null : CompatibilityLevel.parse(value.asText());
    if (level == null) {
      throw RegistryError.INVALID_COMPATIBILITY_LEVEL.exception("Invalid compatibility level. Valid values are "
          + Arrays.stream(CompatibilityLevel.values()).map(l -> l.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", ")));
    }
    return level;
  }
}
