package dev.tollgate.localstack;

/** The stack cannot start or run; the message is meant for the user and says what to do. */
public class LocalStackException extends RuntimeException {

  public LocalStackException(String message) {
    super(message);
  }

  public LocalStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
