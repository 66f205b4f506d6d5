package dev.tollgate.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as RFC 9457 problem details, written before Spring MVC is reached. */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  /** The problem type base every Tollgate service uses. */
  public static final String TYPE_BASE = "https://tollgate.dev/problems/";

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
    write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    String roles = authentication != null && authentication.getPrincipal() instanceof TollgateUser user
        ? (user.roles().isEmpty() ? "none" : String.join(", ", new TreeSet<>(user.roles())))
        : "none";
    write(request, response, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
        "your roles (" + roles + ") do not allow " + request.getMethod() + " " + request.getRequestURI());
  }

  private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
      String title, String detail) throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", TYPE_BASE + slug);
    problem.put("title", title);
    problem.put("status", status.value());
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
