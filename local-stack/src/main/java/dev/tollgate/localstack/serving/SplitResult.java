package dev.tollgate.localstack.serving;

import java.util.List;
import java.util.Objects;

/**
 * A serving platform's answer to a {@link TrafficSplit}.
 *
 * @param applied whether the split is in effect now
 * @param message the platform's words: what it did, or why it could not
 * @param inEffect the split serving now (the requested one when applied, else what still serves)
 */
public record SplitResult(boolean applied, String message, List<TrafficSplit.Share> inEffect) {

  public SplitResult {
    Objects.requireNonNull(message, "message");
    inEffect = List.copyOf(inEffect);
  }

  public static SplitResult applied(String message, List<TrafficSplit.Share> inEffect) {
    return new SplitResult(true, message, inEffect);
  }

  public static SplitResult refused(String message, List<TrafficSplit.Share> inEffect) {
    return new SplitResult(false, message, inEffect);
  }
}
