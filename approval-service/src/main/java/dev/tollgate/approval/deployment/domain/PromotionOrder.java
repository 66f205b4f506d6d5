package dev.tollgate.approval.deployment.domain;

import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Promotion order: an environment accepts only an artifact digest that completed a rollout in
 * another environment first (production after staging). Judged when the request arrives.
 *
 * @param requiresCompletedIn the environment the digest must have completed in, or null for none
 */
public record PromotionOrder(String requiresCompletedIn) {

  public static final PromotionOrder NONE = new PromotionOrder(null);
  public static final String RULE = "promotion-order";

  /**
   * @param completedIn whether (digest, environment) completed a rollout for the request's model
   * @return the refusal when the digest has not completed where it must
   */
  public Optional<Refusal> check(DeploymentRequest request, BiPredicate<String, String> completedIn) {
    if (requiresCompletedIn == null || completedIn.test(request.artifactDigest(), requiresCompletedIn)) {
      return Optional.empty();
    }
    return Optional.of(new Refusal.PolicyRefusal(RULE, "artifact " + request.artifactDigest() + " of "
        + request.modelName() + " has not completed a rollout in " + requiresCompletedIn + "; "
        + request.environment() + " accepts only artifacts that did"));
  }
}
