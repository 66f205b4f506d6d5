package dev.tollgate.schemas.serde;

import dev.tollgate.schemas.registry.HttpSchemaRegistryClient;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
  /** Registry client tuning, Confluent's names; also read with the {@code schema.registry.} prefix. */
  public static final String MAX_RETRIES = "max.retries";
  public static final String RETRIES_WAIT_MS = "retries.wait.ms";
  public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
  public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";

  private static final String CLIENT_PREFIX = "schema.registry.";

  /** Reads the settings; {@code schema.registry.url} is required and may list several URLs, comma-separated. */
  public static AvroSerdeConfig from(Map<String, ?> configs, boolean isKey) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException("Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\" for the Avro "
          + (isKey ? "key" : "value") + " serde: set it to the registry's URL (e.g. http://127.0.0.1:18081), "
          + "or to mock://<scope> for an in-memory registry in tests");
    }
    List<String> urls = Arrays.stream(url.toString().split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).map(AvroSerdeConfig::stripTrailingSlash).toList();
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("Configuration \"" + SCHEMA_REGISTRY_URL + "\" lists no URL: \"" + url + "\"");
    }
    Object strategy = configs.get(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
    AvroSerdeConfig config = new AvroSerdeConfig(
        urls,
        bool(configs, AUTO_REGISTER_SCHEMAS, true),
        bool(configs, USE_LATEST_VERSION, false),
        bool(configs, SPECIFIC_AVRO_READER, true),
        SubjectNameStrategy.fromConfig(strategy == null ? null : strategy.toString()),
        string(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "URL").trim().toUpperCase(Locale.ROOT),
        string(configs, BASIC_AUTH_USER_INFO, null));
    config.resolvedUserInfo(); // fails fast on an unusable credentials source
    return config;
  }

  /** The registry client's timeouts and retries from Confluent's client keys, defaults otherwise. */
  public static HttpSchemaRegistryClient.Options registryClientOptions(Map<String, ?> configs) {
    HttpSchemaRegistryClient.Options defaults = HttpSchemaRegistryClient.Options.defaults();
    return new HttpSchemaRegistryClient.Options(
        millis(configs, HTTP_CONNECT_TIMEOUT_MS, defaults.connectTimeout()),
        millis(configs, HTTP_READ_TIMEOUT_MS, defaults.requestTimeout()),
        (int) number(configs, MAX_RETRIES, defaults.maxRetries()),
        millis(configs, RETRIES_WAIT_MS, defaults.retryBackoff()),
        millis(configs, RETRIES_MAX_WAIT_MS, defaults.maxRetryBackoff()));
  }

  /**
   * The {@code user:password} to send as HTTP basic auth, or null. Source {@code URL} (Confluent's
   * default) takes it from the first registry URL's user-info; {@code USER_INFO} from
   * {@code basic.auth.user.info}.
   */
  public String resolvedUserInfo() {
    return switch (basicAuthCredentialsSource == null ? "URL" : basicAuthCredentialsSource) {
      case "URL" -> registryUrls.stream().map(AvroSerdeConfig::userInfoOf).filter(u -> u != null).findFirst().orElse(null);
      case "USER_INFO" -> {
        if (basicAuthUserInfo == null || basicAuthUserInfo.isBlank()) {
          throw new IllegalArgumentException("\"" + BASIC_AUTH_CREDENTIALS_SOURCE + "\"=USER_INFO needs \""
              + BASIC_AUTH_USER_INFO + "\" set to user:password");
        }
        yield basicAuthUserInfo;
      }
      default -> throw new IllegalArgumentException("Unsupported \"" + BASIC_AUTH_CREDENTIALS_SOURCE + "\" \""
          + basicAuthCredentialsSource + "\": use URL or USER_INFO");
    };
  }

  /** The registry URLs with any user-info removed (it travels in the Authorization header instead). */
  public List<String> registryUrlsWithoutUserInfo() {
    return registryUrls.stream().map(AvroSerdeConfig::withoutUserInfo).toList();
  }

  private static String userInfoOf(String url) {
    try {
      return URI.create(url).getUserInfo();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String withoutUserInfo(String url) {
    try {
      URI uri = URI.create(url);
      String userInfo = uri.getRawUserInfo();
      return userInfo == null ? url : url.replaceFirst(java.util.regex.Pattern.quote(userInfo + "@"), "");
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  private static Object clientValue(Map<String, ?> configs, String key) {
    Object prefixed = configs.get(CLIENT_PREFIX + key);
    return prefixed != null ? prefixed : configs.get(key);
  }

  private static long number(Map<String, ?> configs, String key, long fallback) {
    Object value = clientValue(configs, key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      long parsed = Long.parseLong(value.toString().trim());
      if (parsed < 0) {
        throw new NumberFormatException("negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Configuration \"" + key + "\" must be a non-negative whole number, was \""
          + value + "\"");
    }
  }

  private static Duration millis(Map<String, ?> configs, String key, Duration fallback) {
    return Duration.ofMillis(number(configs, key, fallback.toMillis()));
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
