package dev.tollgate.rollout.api;

/** The request does not fit the current state (e.g. aborting a finished rollout); answered 409. */
class ConflictException extends RuntimeException {

  ConflictException(String message) {
    super(message);
  }
}
