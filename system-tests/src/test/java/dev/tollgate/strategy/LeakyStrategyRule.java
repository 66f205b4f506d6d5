package dev.tollgate.strategy;

import dev.tollgate.rollout.analysis.Limits;

/**
 * Test fixture, not production code: breaks the strategy rules' isolation inside their package (a
 * rollout-service type and an Avro type), so ArchitectureTest proves its rules cover the package.
 */
public class LeakyStrategyRule {

  public boolean judges(Limits limits, dev.tollgate.events.StrategyKind kind) {
    return limits.maxErrorRate() != null && kind != dev.tollgate.events.StrategyKind.UNKNOWN;
  }
}
