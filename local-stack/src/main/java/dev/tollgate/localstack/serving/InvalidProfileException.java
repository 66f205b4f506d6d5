package dev.tollgate.localstack.serving;

import java.util.List;
import java.util.stream.Collectors;

/** A health profile that cannot be used, with one problem per bad member. */
public final class InvalidProfileException extends RuntimeException {

  /** One bad member and why. */
  public record Problem(String field, String reason) {}

  private final transient List<Problem> problems;

  public InvalidProfileException(List<Problem> problems) {
    super(problems.stream().map(p -> p.field() + " " + p.reason()).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
