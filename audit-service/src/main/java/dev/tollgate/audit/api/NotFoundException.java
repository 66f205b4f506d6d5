package dev.tollgate.audit.api;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 404 as a problem detail: nothing is recorded for what the request names. */
public class NotFoundException extends ErrorResponseException {

  public NotFoundException(String title, String detail) {
    super(HttpStatus.NOT_FOUND, problem(title, detail), null);
  }

  private static ProblemDetail problem(String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
    problem.setTitle(title);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
