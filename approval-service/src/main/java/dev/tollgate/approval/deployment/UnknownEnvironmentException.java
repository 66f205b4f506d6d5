package dev.tollgate.approval.deployment;

import java.util.SortedSet;

/** The request names an environment that has no policy. */
public class UnknownEnvironmentException extends RuntimeException {

  private final String environment;
  private final SortedSet<String> known;

  public UnknownEnvironmentException(String environment, SortedSet<String> known) {
    super("environment '" + environment + "' has no approval policy; known environments: " + String.join(", ", known));
    this.environment = environment;
    this.known = known;
  }

  public String environment() {
    return environment;
  }

  public SortedSet<String> known() {
    return known;
  }
}
