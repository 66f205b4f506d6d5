package dev.tollgate.schemas.serde;

import dev.tollgate.schemas.registry.HttpSchemaRegistryClient;
import dev.tollgate.schemas.registry.InMemorySchemaRegistryClient;
import dev.tollgate.schemas.registry.SchemaRegistryClient;

/** Chooses the registry client a serde's configuration names. */
final class RegistryClients {

  private RegistryClients() {}

  static SchemaRegistryClient forConfig(AvroSerdeConfig config) {
    String first = config.registryUrls().get(0);
    if (first.startsWith(InMemorySchemaRegistryClient.MOCK_URL_PREFIX)) {
      return InMemorySchemaRegistryClient.forScope(first.substring(InMemorySchemaRegistryClient.MOCK_URL_PREFIX.length()));
    }
    return new HttpSchemaRegistryClient(config.registryUrls(), config.basicAuthUserInfo());
  }
}
