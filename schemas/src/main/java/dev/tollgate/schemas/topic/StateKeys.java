package dev.tollgate.schemas.topic;

/** Record keys of the compacted state topics. Model names and versions may not contain '/'. */
public final class StateKeys {

  private StateKeys() {}

  /** Key of {@link Topics#DEPLOYMENT_STATE}: {@code model/version/environment}. */
  public static String modelVersion(String model, String version, String environment) {
    return model + "/" + version + "/" + environment;
  }

  /** Key of {@link Topics#LIVE_VERSIONS}: {@code model/environment}. */
  public static String live(String model, String environment) {
    return model + "/" + environment;
  }
}
