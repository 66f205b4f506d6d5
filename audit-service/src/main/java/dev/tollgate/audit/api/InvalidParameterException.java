package dev.tollgate.audit.api;

/** A request parameter that is well-formed but unacceptable (e.g. a range ending before it starts): 400 naming it. */
public class InvalidParameterException extends RuntimeException {

  private final String field;
  private final String reason;

  public InvalidParameterException(String field, String reason) {
    super(field + " " + reason);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
