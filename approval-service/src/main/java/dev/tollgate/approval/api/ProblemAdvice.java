package dev.tollgate.approval.api;

import dev.tollgate.approval.api.Problems.FieldError;
import dev.tollgate.approval.deployment.DecisionRefusedException;
import dev.tollgate.approval.deployment.DeploymentNotFoundException;
import dev.tollgate.approval.deployment.RequestConflictException;
import dev.tollgate.approval.deployment.RequestRefusedException;
import dev.tollgate.approval.deployment.UnknownEnvironmentException;
import dev.tollgate.approval.deployment.domain.Refusal;
import dev.tollgate.approval.gate.GateNotFoundException;
import dev.tollgate.strategy.InvalidStrategyException;
import dev.tollgate.strategy.StrategyViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.Errors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.validation.method.ParameterErrors;
import tools.jackson.core.JacksonException;

/**
 * Every error as an RFC 9457 problem detail. 400s (and the 422 of an invalid strategy) list each
 * bad field in an {@code errors} extension of {@code {field, reason}}, with fields named by their
 * JSON path (e.g. {@code strategy.steps[1].setWeight}) or header name. A request whose only bad
 * values are inside its strategy is a 422 {@code invalid-strategy}; with any other bad field, a 400.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(DeploymentNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(DeploymentNotFoundException e) {
    ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "deployment-not-found", "Deployment not found",
        e.getMessage());
    problem.setProperty("deploymentId", e.deploymentId());
    return respond(problem);
  }

  @ExceptionHandler(GateNotFoundException.class)
  ResponseEntity<ProblemDetail> gateNotFound(GateNotFoundException e) {
    ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "gate-not-found", "Gate not found", e.getMessage());
    problem.setProperty("deploymentId", e.deploymentId());
    problem.setProperty("gate", e.gate());
    return respond(problem);
  }

  @ExceptionHandler(DecisionRefusedException.class)
  ResponseEntity<ProblemDetail> refused(DecisionRefusedException e) {
    ProblemDetail problem = refusal(e.refusal());
    problem.setProperty("deploymentId", e.deploymentId());
    return respond(problem);
  }

  @ExceptionHandler(RequestRefusedException.class)
  ResponseEntity<ProblemDetail> requestRefused(RequestRefusedException e) {
    return respond(refusal(e.refusal()));
  }

  @ExceptionHandler(InvalidFieldException.class)
  ResponseEntity<ProblemDetail> invalidField(InvalidFieldException e) {
    return respond(Problems.invalidRequest(List.of(new FieldError(e.field(), e.reason()))));
  }

  /**
   * A strategy rollout-service could not run: 422 (the JSON was well-formed, its steps break the
   * rules), each violation in {@code errors} under its step's JSON path.
   */
  @ExceptionHandler(InvalidStrategyException.class)
  ResponseEntity<ProblemDetail> invalidStrategy(InvalidStrategyException e) {
    ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-strategy", "Invalid strategy",
        e.getMessage());
    problem.setProperty("errors", e.violations().stream().map(ProblemAdvice::fieldError).toList());
    return respond(problem);
  }

  private static FieldError fieldError(StrategyViolation violation) {
    if (violation.stepIndex() == StrategyViolation.WHOLE_STRATEGY) {
      return new FieldError("strategy", violation.reason());
    }
    return new FieldError("strategy.steps[" + violation.stepIndex() + "]", violation.reason());
  }

  /** The problem for a refusal of the domain: 403 who may not, 409 state, 422 policy. */
  public static ProblemDetail refusal(Refusal refusal) {
    ProblemDetail problem;
    if (refusal instanceof Refusal.SelfApproval r) {
      problem = Problems.of(HttpStatus.FORBIDDEN, "self-approval", "Self-approval", r.message());
    } else if (refusal instanceof Refusal.NotPermitted r) {
      problem = Problems.of(HttpStatus.FORBIDDEN, "not-permitted", "Not permitted", r.message());
    } else if (refusal instanceof Refusal.AlreadyDecided r) {
      problem = Problems.of(HttpStatus.CONFLICT, "already-decided", "Already decided", r.message());
      // "status" is the HTTP status in RFC 9457: the deployment's goes under its own name
      problem.setProperty("deploymentStatus", r.status().name());
    } else if (refusal instanceof Refusal.GateClosed r) {
      problem = Problems.of(HttpStatus.CONFLICT, "gate-closed", "Gate already decided", r.message());
      problem.setProperty("gateStatus", r.gateStatus());
    } else if (refusal instanceof Refusal.Expired r) {
      problem = Problems.of(HttpStatus.CONFLICT, "expired", "Request expired", r.message());
      problem.setProperty("expiredAt", r.expiredAt().toString());
    } else if (refusal instanceof Refusal.DuplicateApproval r) {
      problem = Problems.of(HttpStatus.CONFLICT, "already-approved", "Already approved", r.message());
    } else if (refusal instanceof Refusal.Frozen r) {
      problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "frozen", "Environment frozen", r.message());
      problem.setProperty("rule", "freeze");
      problem.setProperty("frozenUntil", r.until().toString());
    } else {
      Refusal.PolicyRefusal r = (Refusal.PolicyRefusal) refusal;
      problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "policy-refusal", "Refused by policy", r.message());
      problem.setProperty("rule", r.rule());
    }
    return problem;
  }

  @ExceptionHandler(UnknownEnvironmentException.class)
  ResponseEntity<ProblemDetail> unknownEnvironment(UnknownEnvironmentException e) {
    ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-environment",
        "Unknown environment", e.getMessage());
    problem.setProperty("errors", List.of(new FieldError("environment",
        "no approval policy for '" + e.environment() + "'; known: " + String.join(", ", e.known()))));
    problem.setProperty("knownEnvironments", e.known());
    return respond(problem);
  }

  @ExceptionHandler(RequestConflictException.class)
  ResponseEntity<ProblemDetail> conflict(RequestConflictException e) {
    ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "request-conflict",
        "Request conflicts with an earlier one", e.getMessage());
    problem.setProperty("existingDeploymentId", e.existingDeploymentId());
    return respond(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("Unexpected error", e);
    return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
        "the request failed unexpectedly; see the service log"));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return invalidOrInvalidStrategy(fieldErrors(e.getBindingResult(), "body"));
  }

  /**
   * 400 with every bad field; but when the request is well-formed and only its strategy's own values
   * are out of range, the strategy is invalid, as when a whole-strategy rule fails: the same 422
   * names the step.
   */
  private static ResponseEntity<Object> invalidOrInvalidStrategy(List<FieldError> errors) {
    if (errors.isEmpty() || !errors.stream().allMatch(ProblemAdvice::inStrategy)) {
      return invalid(errors);
    }
    ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-strategy", "Invalid strategy",
        "invalid strategy: " + String.join("; ", errors.stream().map(f -> f.field() + " " + f.reason()).toList()));
    problem.setProperty("errors", errors);
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static boolean inStrategy(FieldError error) {
    return error.field().equals("strategy") || error.field().startsWith("strategy.");
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = new ArrayList<>();
    for (var result : e.getParameterValidationResults()) {
      if (result instanceof ParameterErrors parameterErrors) {
        errors.addAll(fieldErrors(parameterErrors, parameterName(result.getMethodParameter())));
      } else {
        String name = parameterName(result.getMethodParameter());
        for (MessageSourceResolvable error : result.getResolvableErrors()) {
          errors.add(new FieldError(name, error.getDefaultMessage()));
        }
      }
    }
    return invalidOrInvalidStrategy(errors);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return invalid(List.of(unreadable(e)));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
    Class<?> type = e.getRequiredType();
    String reason = type != null && type.isEnum()
        ? "must be one of " + Arrays.toString(type.getEnumConstants())
        : "cannot be read as " + (type == null ? "the expected type" : type.getSimpleName());
    return invalid(List.of(new FieldError(name, reason)));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    // Framework errors (405, 406, 415, ...) keep Spring's problem body; give them our type base.
    if (body instanceof ProblemDetail problem && problem.getType() != null
        && "about:blank".equals(problem.getType().toString())) {
      problem.setType(java.net.URI.create(Problems.BASE + "http-" + status.value()));
    }
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  static FieldError unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof JacksonException jackson) {
        String path = path(jackson.getPath());
        String reason = jackson.getOriginalMessage();
        if (reason != null) {
          reason = reason.lines().findFirst().orElse(reason);
        }
        if (path.isEmpty()) {
          return new FieldError("body", "malformed JSON: " + reason);
        }
        return new FieldError(path, "unreadable value: " + reason);
      }
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    return new FieldError("body", message.startsWith("Required request body is missing")
        ? "a JSON request body is required" : "unreadable request body");
  }

  private static String path(List<JacksonException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : references) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static List<FieldError> fieldErrors(Errors errors, String objectName) {
    List<FieldError> result = new ArrayList<>();
    for (org.springframework.validation.FieldError error : errors.getFieldErrors()) {
      result.add(new FieldError(jsonName(error.getField()), error.getDefaultMessage()));
    }
    for (var error : errors.getGlobalErrors()) {
      result.add(new FieldError(objectName, error.getDefaultMessage()));
    }
    return result;
  }

  /** Java component names that differ from their JSON names. */
  private static String jsonName(String field) {
    return field.replace("switchTraffic", "switch");
  }

  private static String parameterName(MethodParameter parameter) {
    RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
    if (header != null && !header.name().isEmpty()) {
      return header.name();
    }
    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
    if (param != null && !param.name().isEmpty()) {
      return param.name();
    }
    if (parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)) {
      return "body";
    }
    return parameter.getParameterName() == null ? "parameter" : parameter.getParameterName();
  }

  private static ResponseEntity<Object> invalid(List<FieldError> errors) {
    ProblemDetail problem = Problems.invalidRequest(errors);
    return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
