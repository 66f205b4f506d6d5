package dev.tollgate.registry.http;

import dev.tollgate.registry.store.CanonicalSchema;
import dev.tollgate.registry.store.SchemaRegistry;
import dev.tollgate.registry.store.VersionRef;
import java.util.List;

/** Tests a schema against a subject's versions under the subject's compatibility level, without registering it. */
final class CompatibilityRoutes {

  private CompatibilityRoutes() {}

  static void addTo(Router router, SchemaRegistry registry) {
    router
        .post("/compatibility/subjects/{subject}/versions/{version}", request -> {
          VersionRef version = VersionRef.parse(request.path("version"));
          return check(registry, request, version);
        })
        // without a version: against every version the level looks at
        .post("/compatibility/subjects/{subject}/versions", request -> check(registry, request, null));
  }

  private static ApiResponse check(SchemaRegistry registry, ApiRequest request, VersionRef version) {
    CanonicalSchema schema = SchemaBody.read(request);
    List<String> violations = registry.read(s -> s.compatibilityViolations(request.path("subject"), schema, version));
    return ApiResponse.ok(new Views.Compatibility(violations.isEmpty(), request.flag("verbose") ? violations : null));
  }
}
