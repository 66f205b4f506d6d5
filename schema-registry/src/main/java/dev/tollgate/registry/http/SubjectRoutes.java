package dev.tollgate.registry.http;

import dev.tollgate.registry.store.CanonicalSchema;
import dev.tollgate.registry.store.SchemaRegistry;
import dev.tollgate.registry.store.SubjectVersion;
import dev.tollgate.registry.store.VersionRef;
import java.util.List;

/** Subjects and their versions: list, read, register, look up, delete. */
final class SubjectRoutes {

  private SubjectRoutes() {}

  static void addTo(Router router, SchemaRegistry registry) {
    router
        .get("/subjects", request -> ApiResponse.ok(registry.read(s -> s.subjects(request.flag("deleted")))))
        .get("/subjects/{subject}/versions", request -> ApiResponse.ok(
            registry.read(s -> s.versions(request.path("subject"), request.flag("deleted")))
                .stream().map(SubjectVersion::version).toList()))
        .get("/subjects/{subject}/versions/{version}", request ->
            ApiResponse.ok(Views.Version.of(version(registry, request))))
        .get("/subjects/{subject}/versions/{version}/schema", request ->
            ApiResponse.rawJson(version(registry, request).schema()))
        .get("/subjects/{subject}/versions/{version}/referencedby", request -> {
          version(registry, request);
          // schema references are not supported, so nothing can refer to a version
          return ApiResponse.ok(List.of());
        })
        .post("/subjects/{subject}/versions", request -> {
          CanonicalSchema schema = SchemaBody.read(request);
          SubjectVersion registered = registry.write(s -> s.planRegistration(request.path("subject"), schema));
          return ApiResponse.ok(new Views.Id(registered.id()));
        })
        .post("/subjects/{subject}", request -> {
          CanonicalSchema schema = SchemaBody.read(request);
          return ApiResponse.ok(Views.Version.of(
              registry.read(s -> s.lookup(request.path("subject"), schema, request.flag("deleted")))));
        })
        .delete("/subjects/{subject}", request -> ApiResponse.ok(
            registry.write(s -> s.planSubjectDeletion(request.path("subject"), request.flag("permanent")))))
        .delete("/subjects/{subject}/versions/{version}", request -> {
          VersionRef version = VersionRef.parse(request.path("version"));
          return ApiResponse.ok(registry.write(
              s -> s.planVersionDeletion(request.path("subject"), version, request.flag("permanent"))));
        });
  }

  private static SubjectVersion version(SchemaRegistry registry, ApiRequest request) {
    VersionRef version = VersionRef.parse(request.path("version"));
    return registry.read(s -> s.version(request.path("subject"), version, request.flag("deleted")));
  }
}
