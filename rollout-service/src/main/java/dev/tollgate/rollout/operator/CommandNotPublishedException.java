package dev.tollgate.rollout.operator;

/** A command could not be written to Kafka; nothing was asked of the controller. Retry later. */
public class CommandNotPublishedException extends RuntimeException {

  public CommandNotPublishedException(String message, Throwable cause) {
    super(message, cause);
  }
}
