package dev.tollgate.rollout.strategy;

import dev.tollgate.strategy.Step;
import dev.tollgate.strategy.StrategyKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A deployment approval as the controller needs it. The strategy comes as raw kind and steps: an
 * invalid strategy is the controller's to refuse with a reason, not the mapper's to throw on.
 *
 * @param eventId id of the approval event (the idempotency key of this command)
 */
public record ApprovedDeployment(
    String eventId,
    DeploymentRef deployment,
    String artifactDigest,
    String policyVersion,
    List<String> approvers,
    StrategyKind strategyKind,
    List<Step> steps) {

  public ApprovedDeployment {
    // steps may hold nulls (a step the mapper could not read): the strategy validation reports them
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
    steps = steps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(steps));
  }
}
