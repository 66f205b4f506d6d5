package dev.tollgate.registry;

import dev.tollgate.registry.store.TestSchemas;
import java.util.UUID;

/** Schemas no other test registers, for tests that need ids of their own on a shared server. */
final class UniqueSchemas {

  private UniqueSchemas() {}

  static String unique() {
    return TestSchemas.record(uniqueName(), TestSchemas.ID);
  }

  static String uniqueName() {
    return "R" + UUID.randomUUID().toString().replace("-", "");
  }
}
