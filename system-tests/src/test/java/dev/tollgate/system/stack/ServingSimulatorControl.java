package dev.tollgate.system.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The local stack's serving simulator, as a test (or a demo) steers it: per-version health profiles, live traffic. */
public final class ServingSimulatorControl {

  private final StackEndpoints stack;
  private final JsonHttp http = new JsonHttp();

  public ServingSimulatorControl(StackEndpoints stack) {
    this.stack = stack;
  }

  /** Makes {@code version} of {@code model} report this profile, e.g. {@code Map.of("errorRate", 0.2)}. */
  public JsonNode setProfile(String model, String version, Map<String, ?> profile) {
    JsonHttp.Response response = http.put(stack.simulator().resolve(profilePath(model, version)), null, profile);
    if (response.status() != 200) {
      throw new IllegalStateException("PUT profile of " + model + " " + version + " answered " + response.status()
          + ": " + response.body());
    }
    return response.body();
  }

  /** The splits the simulated platform serves, per model and environment. */
  public JsonNode traffic() {
    return http.get(stack.simulator().resolve("/traffic"), null).body();
  }

  /** The weight the simulated platform gives {@code version} of {@code model} in {@code environment}; -1 if none. */
  public int weightOf(String model, String environment, String version) {
    for (JsonNode split : traffic()) {
      if (model.equals(split.path("model").asText()) && environment.equals(split.path("environment").asText())) {
        for (JsonNode weight : split.path("weights")) {
          if (version.equals(weight.path("modelVersion").asText())) {
            return weight.path("weight").asInt();
          }
        }
      }
    }
    return -1;
  }

  private static String profilePath(String model, String version) {
    return "/profiles/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "/"
        + URLEncoder.encode(version, StandardCharsets.UTF_8);
  }
}
