package dev.tollgate.rollout.strategy;

import java.util.List;
import java.util.stream.Collectors;

/** Every reason a rollout is aborted or refused, worded in one place. */
public final class AbortReasons {

  private AbortReasons() {}

  /** A step kind this controller cannot execute yet; it is refused rather than skipped. */
  public static String unsupportedStep(int index, Step step) {
    String what = step instanceof Step.Pause p && !p.timed() ? "pause without duration" : step.type();
    return "step " + index + " (" + what + ") is not supported yet";
  }

  /** One active rollout per model and environment: a second approval is refused, the active one goes on. */
  public static String anotherRolloutActive(RolloutState active) {
    return "refused: deployment " + active.deployment().deploymentId() + " (version " + active.deployment().version()
        + ") is still rolling out " + active.deployment().model() + " in " + active.deployment().environment()
        + "; only one rollout per model and environment may be active";
  }

  public static String invalidStrategy(List<StrategyViolation> violations) {
    return "invalid strategy: " + violations.stream().map(StrategyViolation::message).collect(Collectors.joining("; "));
  }

  public static String manual(String actor, String reason) {
    return "aborted by " + actor + (reason == null || reason.isBlank() ? "" : ": " + reason);
  }
}
