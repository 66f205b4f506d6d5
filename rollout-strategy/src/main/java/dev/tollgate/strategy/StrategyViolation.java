package dev.tollgate.strategy;

/**
 * Why a strategy is invalid.
 *
 * @param stepIndex the zero-based index of the offending step, or {@link #WHOLE_STRATEGY}
 * @param stepType the step's type, null for the whole strategy
 * @param reason what is wrong, in words a person can act on
 */
public record StrategyViolation(int stepIndex, String stepType, String reason) {

  public static final int WHOLE_STRATEGY = -1;

  static StrategyViolation ofStrategy(String reason) {
    return new StrategyViolation(WHOLE_STRATEGY, null, reason);
  }

  static StrategyViolation ofStep(int index, Step step, String reason) {
    return new StrategyViolation(index, step == null ? null : step.type(), reason);
  }

  /** E.g. {@code step 1 (pause): duration must be positive}. */
  public String message() {
    if (stepIndex == WHOLE_STRATEGY) {
      return reason;
    }
    return "step " + stepIndex + (stepType == null ? "" : " (" + stepType + ")") + ": " + reason;
  }
}
