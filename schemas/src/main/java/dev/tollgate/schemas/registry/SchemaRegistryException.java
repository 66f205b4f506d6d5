package dev.tollgate.schemas.registry;

/** The registry refused a request or could not be reached; says which subject and why. */
public class SchemaRegistryException extends RuntimeException {

  private final int httpStatus;
  private final int errorCode;
  private final String subject;

  public SchemaRegistryException(String message, int httpStatus, int errorCode, String subject, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
    this.subject = subject;
  }

  /** The HTTP status, or 0 when the registry could not be reached. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent's error code (e.g. 40401 subject not found, 40403 schema not found, 409 incompatible), or 0. */
  public int errorCode() {
    return errorCode;
  }

  /** The subject the request was about, or null. */
  public String subject() {
    return subject;
  }

  public boolean isNotFound() {
    return httpStatus == 404;
  }
}
