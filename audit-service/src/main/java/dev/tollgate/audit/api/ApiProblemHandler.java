package dev.tollgate.audit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail. Bad input gives 400 with an {@code errors} member
 * naming each bad parameter or field and why: {@code [{"field": "limit", "reason": "..."}]}.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

  static final String ERRORS = "errors";

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      String field = parameterName(result);
      for (MessageSourceResolvable error : result.getResolvableErrors()) {
        errors.add(Map.of("field", field, "reason", String.valueOf(error.getDefaultMessage())));
      }
    }
    return badRequest(errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (FieldError error : ex.getBindingResult().getFieldErrors()) {
      errors.add(Map.of("field", error.getField(), "reason", String.valueOf(error.getDefaultMessage())));
    }
    ex.getBindingResult().getGlobalErrors().forEach(error ->
        errors.add(Map.of("field", error.getObjectName(), "reason", String.valueOf(error.getDefaultMessage()))));
    return badRequest(errors, headers, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
    return badRequest(List.of(Map.of("field", String.valueOf(field),
        "reason", "'" + ex.getValue() + "' is not a valid " + expected)), headers, request);
  }

  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<Object> handleInvalidParameter(InvalidParameterException ex, WebRequest request) {
    return badRequest(List.of(Map.of("field", ex.field(), "reason", ex.reason())), new HttpHeaders(), request);
  }

  private ResponseEntity<Object> badRequest(List<Map<String, String>> errors, HttpHeaders headers, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "Invalid request: " + String.join(", ", errors.stream().map(e -> e.get("field") + " " + e.get("reason")).toList()));
    problem.setTitle("Bad Request");
    problem.setProperty(ERRORS, errors);
    return handleExceptionInternal(new IllegalArgumentException(problem.getDetail()), problem, headers,
        HttpStatus.BAD_REQUEST, request);
  }

  private static String parameterName(ParameterValidationResult result) {
    var parameter = result.getMethodParameter();
    for (var annotation : parameter.getParameterAnnotations()) {
      String name = "";
      if (annotation instanceof RequestParam p) {
        name = p.name().isEmpty() ? p.value() : p.name();
      } else if (annotation instanceof PathVariable p) {
        name = p.name().isEmpty() ? p.value() : p.name();
      }
      if (!name.isEmpty()) {
        return name;
      }
    }
    return String.valueOf(parameter.getParameterName());
  }
}
