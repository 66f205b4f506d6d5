package dev.tollgate.localstack.serving;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiles file, {@code <data-dir>/simulator-profiles.yaml} (or {@code .yml}, or
 * {@code .json}: JSON is YAML too):
 *
 * <pre>
 * default:                 # optional: every version without a profile of its own
 *   errorRate: 0.001
 *   p99LatencyMs: 120
 * models:
 *   fraud-detector:
 *     "2.0.0": {errorRate: 0.2, p99LatencyMs: 900}
 *     "*": {p99LatencyMs: 200}    # any other version of fraud-detector
 * </pre>
 *
 * Members of a profile: errorRate, p50LatencyMs, p95LatencyMs, p99LatencyMs, requestsPerSecond,
 * customMetrics, rejectTraffic; each optional (missing ones come from the default). Unknown
 * members are errors, so a typo does not silently leave a version healthy.
 */
public final class ProfileFile {

  /** The file names looked for in the data dir, first found wins. */
  public static final List<String> NAMES = List.of(
      "simulator-profiles.yaml", "simulator-profiles.yml", "simulator-profiles.json");

  /** The version key that stands for every version of a model without its own entry. */
  public static final String ANY_VERSION = "*";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** What a profiles file says, resolved. */
  public record Contents(HealthProfile defaultProfile, Map<String, Map<String, HealthProfile>> models) {
    public static final Contents EMPTY = new Contents(null, Map.of());

    public Contents {
      Map<String, Map<String, HealthProfile>> copy = new LinkedHashMap<>();
      models.forEach((model, versions) -> copy.put(model, Map.copyOf(versions)));
      models = Map.copyOf(copy);
    }
  }

  record Spec(
      @JsonProperty("default") HealthProfile.Spec defaultProfile,
      @JsonProperty("models") Map<String, Map<String, HealthProfile.Spec>> models) {}

  private ProfileFile() {}

  /** The profiles file in {@code dataDir}, or null when there is none. */
  public static Path find(Path dataDir) {
    for (String name : NAMES) {
      Path file = dataDir.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  public static Contents read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** Parses YAML or JSON; an empty document is no profiles. */
  public static Contents parse(String text) throws IOException {
    if (text.isBlank()) {
      return Contents.EMPTY;
    }
    Spec spec = YAML.readValue(text, Spec.class);
    if (spec == null) {
      return Contents.EMPTY;
    }
    List<InvalidProfileException.Problem> problems = new ArrayList<>();
    HealthProfile defaultProfile = spec.defaultProfile() == null ? null
        : resolve("default", spec.defaultProfile(), HealthProfile.HEALTHY, problems);
    HealthProfile base = defaultProfile != null ? defaultProfile : HealthProfile.HEALTHY;
    Map<String, Map<String, HealthProfile>> models = new LinkedHashMap<>();
    if (spec.models() != null) {
      spec.models().forEach((model, versions) -> {
        Map<String, HealthProfile> resolved = new LinkedHashMap<>();
        if (versions != null) {
          versions.forEach((version, profile) -> {
            HealthProfile p = resolve("models." + model + "." + version, profile, base, problems);
            if (p != null) {
              resolved.put(version, p);
            }
          });
        }
        models.put(model, resolved);
      });
    }
    if (!problems.isEmpty()) {
      throw new InvalidProfileException(problems);
    }
    return new Contents(defaultProfile, models);
  }

  private static HealthProfile resolve(String path, HealthProfile.Spec spec, HealthProfile base,
      List<InvalidProfileException.Problem> problems) {
    if (spec == null) {
      return base;
    }
    try {
      return spec.resolve(base);
    } catch (InvalidProfileException e) {
      e.problems().forEach(p -> problems.add(new InvalidProfileException.Problem(path + "." + p.field(), p.reason())));
      return null;
    }
  }
}
