package dev.tollgate.approval.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The problem types this service answers with, each defined once. */
public final class Problems {

  public static final String BASE = "https://tollgate.dev/problems/";

  private Problems() {}

  /** One bad field of a request: the JSON path (or header name) and what is wrong with it. */
  public record FieldError(String field, String reason) {}

  public static ProblemDetail of(HttpStatus status, String slug, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(BASE + slug));
    problem.setTitle(title);
    return problem;
  }

  public static ProblemDetail invalidRequest(List<FieldError> errors) {
    ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
        errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
    problem.setProperty("errors", errors);
    return problem;
  }

  /** The same shape as a plain map, for writers outside Spring MVC (the security filters). */
  public static Map<String, Object> asMap(ProblemDetail problem) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getInstance() != null) {
      body.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    return body;
  }
}
