package dev.tollgate.registry.store;

/** A version as the REST API names it: a number from 1, or {@code latest} (also spelled {@code -1}). */
public record VersionRef(int number) {

  public static final VersionRef LATEST = new VersionRef(-1);

  public static VersionRef parse(String text) {
    if ("latest".equalsIgnoreCase(text)) {
      return LATEST;
    }
    try {
      int number = Integer.parseInt(text);
      if (number == -1 || number >= 1) {
        return new VersionRef(number);
      }
    } catch (NumberFormatException e) {
      // falls through to the registry's own error
    }
    throw RegistryError.INVALID_VERSION.exception("The specified version '" + text + "' is not a valid version id. "
        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  public boolean isLatest() {
    return number == -1;
  }

  @Override
  public String toString() {
    return isLatest() ? "latest" : Integer.toString(number);
  }
}
