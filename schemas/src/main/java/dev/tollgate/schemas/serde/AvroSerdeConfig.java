package dev.tollgate.schemas.serde;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The serde's settings, read with Confluent's own keys so that Confluent's KafkaAvroSerializer
 * could replace ours by configuration alone.
 */
public record AvroSerdeConfig(
    List<String> registryUrls,
    boolean autoRegisterSchemas,
    boolean useLatestVersion,
    boolean specificAvroReader,
    SubjectNameStrategy subjectNameStrategy,
    String basicAuthCredentialsSource,
    String basicAuthUserInfo) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";

  /** Reads the settings; {@code schema.registry.url} is required and may list several URLs, comma-separated. */
  public static AvroSerdeConfig from(Map<String, ?> configs, boolean isKey) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException("Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\"");
    }
    List<String> urls = Arrays.stream(url.toString().split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).map(AvroSerdeConfig::stripTrailingSlash).toList();
    Object strategy = configs.get(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
    return new AvroSerdeConfig(
        urls,
        bool(configs, AUTO_REGISTER_SCHEMAS, true),
        bool(configs, USE_LATEST_VERSION, false),
        bool(configs, SPECIFIC_AVRO_READER, true),
        SubjectNameStrategy.fromConfig(strategy == null ? null : strategy.toString()),
        string(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "URL"),
        string(configs, BASIC_AUTH_USER_INFO, null));
  }

  private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
    Object value = configs.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("Configuration \"" + key + "\" must be true or false, was \"" + text + "\"");
    }
    return Boolean.parseBoolean(text);
  }

  private static String string(Map<String, ?> configs, String key, String fallback) {
    Object value = configs.get(key);
    return value == null ? fallback : value.toString();
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
