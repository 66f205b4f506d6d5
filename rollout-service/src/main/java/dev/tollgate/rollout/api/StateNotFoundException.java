package dev.tollgate.rollout.api;

/** Nothing is known for what the request names. */
class StateNotFoundException extends RuntimeException {

  StateNotFoundException(String message) {
    super(message);
  }
}
