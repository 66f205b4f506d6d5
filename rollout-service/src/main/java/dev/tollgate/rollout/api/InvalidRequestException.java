package dev.tollgate.rollout.api;

/** The request names a field that is missing or wrong; answered 400 naming it. */
class InvalidRequestException extends RuntimeException {

  private final String field;
  private final String reason;

  InvalidRequestException(String field, String reason) {
    super(field + " " + reason);
    this.field = field;
    this.reason = reason;
  }

  String field() {
    return field;
  }

  String reason() {
    return reason;
  }
}
