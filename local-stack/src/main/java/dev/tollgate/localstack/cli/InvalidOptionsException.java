package dev.tollgate.localstack.cli;

/** The command line cannot be honoured; the message is meant for the user. */
public final class InvalidOptionsException extends IllegalArgumentException {

  public InvalidOptionsException(String message) {
    super(message);
  }
}
