package dev.tollgate.registry.store;

/** A request the registry refuses, carrying the Confluent error it answers with. */
public final class RegistryException extends RuntimeException {

  private final RegistryError error;

  RegistryException(RegistryError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  public RegistryError error() {
    return error;
  }
}
