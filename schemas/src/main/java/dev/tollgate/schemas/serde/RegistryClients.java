package dev.tollgate.schemas.serde;

import dev.tollgate.schemas.registry.HttpSchemaRegistryClient;
import dev.tollgate.schemas.registry.InMemorySchemaRegistryClient;
import dev.tollgate.schemas.registry.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the registry client a serde's configuration names. HTTP clients are shared per
 * (URLs, credentials, options): ids are immutable, so one cache serves every serde of an app, and
 * a Streams app with many serdes keeps one HTTP connection pool instead of one per serde.
 */
final class RegistryClients {

  private record Key(List<String> urls, String userInfo, HttpSchemaRegistryClient.Options options) {}

  private static final Map<Key, HttpSchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

  private RegistryClients() {}

  static SchemaRegistryClient forConfig(AvroSerdeConfig config) {
    return forConfig(config, Map.of());
  }

  static SchemaRegistryClient forConfig(AvroSerdeConfig config, Map<String, ?> rawConfigs) {
    String first = config.registryUrls().get(0);
    if (first.startsWith(InMemorySchemaRegistryClient.MOCK_URL_PREFIX)) {
      return InMemorySchemaRegistryClient.forScope(first.substring(InMemorySchemaRegistryClient.MOCK_URL_PREFIX.length()));
    }
    Key key = new Key(config.registryUrlsWithoutUserInfo(), config.resolvedUserInfo(),
        AvroSerdeConfig.registryClientOptions(rawConfigs));
    return SHARED.computeIfAbsent(key, k -> new HttpSchemaRegistryClient(k.urls(), k.userInfo(), k.options()));
  }
}
