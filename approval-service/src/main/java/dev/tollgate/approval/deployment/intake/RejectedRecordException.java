package dev.tollgate.approval.deployment.intake;

/**
 * A readable record we will never accept (invalid values, unknown environment, conflicting ids).
 * Not retried: it goes to the dead-letter topic with {@link #reason()} in its headers.
 */
public class RejectedRecordException extends RuntimeException {

  public static final String VALIDATION = "validation";
  public static final String UNKNOWN_ENVIRONMENT = "unknown-environment";
  public static final String CONFLICT = "conflict";
  public static final String UNKNOWN_DEPLOYMENT = "unknown-deployment";

  private final String reason;

  public RejectedRecordException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
