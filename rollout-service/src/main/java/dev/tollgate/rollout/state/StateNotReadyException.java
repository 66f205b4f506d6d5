package dev.tollgate.rollout.state;

/** The state stores cannot be queried right now (Streams starting or rebalancing); retry shortly. */
public class StateNotReadyException extends RuntimeException {

  public StateNotReadyException(String message, Throwable cause) {
    super(message, cause);
  }
}
