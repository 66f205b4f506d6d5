package dev.tollgate.registry.http;

import dev.tollgate.registry.store.RegistryError;
import dev.tollgate.registry.store.SchemaRegistry;
import dev.tollgate.registry.store.SubjectVersion;
import java.util.List;
import java.util.Map;

/** {@code /}, {@code /schemas/types} and schemas by global id. */
final class SchemaRoutes {

  private SchemaRoutes() {}

  static void addTo(Router router, SchemaRegistry registry) {
    router
        .get("/", request -> ApiResponse.ok(Map.of()))
        .get("/schemas/types", request -> ApiResponse.ok(List.of("AVRO")))
        .get("/schemas/ids/{id}", request ->
            ApiResponse.ok(new Views.Schema(registry.read(s -> s.schemaById(id(request))))))
        .get("/schemas/ids/{id}/schema", request -> ApiResponse.rawJson(registry.read(s -> s.schemaById(id(request)))))
        .get("/schemas/ids/{id}/versions", request -> ApiResponse.ok(
            uses(registry, request).stream().map(v -> new Views.SubjectAndVersion(v.subject(), v.version())).toList()))
        .get("/schemas/ids/{id}/subjects", request -> ApiResponse.ok(
            uses(registry, request).stream().map(SubjectVersion::subject).distinct().toList()));
  }

  private static List<SubjectVersion> uses(SchemaRegistry registry, ApiRequest request) {
    int id = id(request);
    return registry.read(s -> s.versionsOfId(id, request.flag("deleted")));
  }

  private static int id(ApiRequest request) {
    String text = request.path("id");
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryError.SCHEMA_NOT_FOUND.exception("Schema " + text + " not found");
    }
  }
}
