package dev.tollgate.rollout.api;

import dev.tollgate.rollout.state.StateNotReadyException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Errors as RFC 9457 problem details; Spring's own exceptions come out as problems through the base class. */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

  static final URI NOT_FOUND = URI.create("https://tollgate.dev/problems/not-found");
  static final URI STATE_NOT_READY = URI.create("https://tollgate.dev/problems/state-not-ready");

  /** Seconds a client should wait before asking again while the stores are not queryable. */
  static final int RETRY_AFTER_SECONDS = 1;

  @ExceptionHandler(StateNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(StateNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(NOT_FOUND);
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler(StateNotReadyException.class)
  ResponseEntity<ProblemDetail> notReady(StateNotReadyException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The deployment state is not queryable yet (starting or rebalancing); retry shortly");
    problem.setType(STATE_NOT_READY);
    problem.setTitle("State not ready");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
        .body(problem);
  }
}
