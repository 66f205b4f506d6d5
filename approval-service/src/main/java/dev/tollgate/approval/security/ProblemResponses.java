package dev.tollgate.approval.security;

import dev.tollgate.approval.api.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem details, written before Spring MVC is reached. */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final JsonMapper json;

  public ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String detail = request.getHeader(HttpHeaders.AUTHORIZATION) == null
        ? "this endpoint needs 'Authorization: Bearer <token>'"
        : e.getMessage();
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\"");
    write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail));
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
        "your roles do not allow " + request.getMethod() + " " + request.getRequestURI()));
  }

  private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), Problems.asMap(problem));
  }
}
