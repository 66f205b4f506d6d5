package dev.tollgate.rollout.api;

import dev.tollgate.rollout.operator.CommandNotPublishedException;
import dev.tollgate.rollout.state.StateNotReadyException;
import java.net.URI;
import java.util.List;
import java.util.Map;
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
  static final URI INVALID_REQUEST = URI.create("https://tollgate.dev/problems/invalid-request");
  static final URI CONFLICT = URI.create("https://tollgate.dev/problems/conflict");
  static final URI NOT_PUBLISHED = URI.create("https://tollgate.dev/problems/command-not-published");

  /** Seconds a client should wait before asking again while the stores are not queryable. */
  static final int RETRY_AFTER_SECONDS = 1;

  @ExceptionHandler(StateNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(StateNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(NOT_FOUND);
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(INVALID_REQUEST);
    problem.setTitle("Invalid request");
    problem.setProperty("errors", List.of(Map.of("field", e.field(), "reason", e.reason())));
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setType(CONFLICT);
    problem.setTitle("Conflict");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  @ExceptionHandler(CommandNotPublishedException.class)
  ResponseEntity<ProblemDetail> notPublished(CommandNotPublishedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The command was not accepted (" + e.getMessage() + "); nothing changed, retry shortly");
    problem.setType(NOT_PUBLISHED);
    problem.setTitle("Command not published");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
        .body(problem);
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
