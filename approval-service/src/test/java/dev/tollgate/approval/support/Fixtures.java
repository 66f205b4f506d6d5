package dev.tollgate.approval.support;

import dev.tollgate.approval.deployment.domain.ArtifactSource;
import dev.tollgate.approval.deployment.domain.DeploymentProfile;
import dev.tollgate.approval.deployment.domain.DeploymentRequest;
import dev.tollgate.approval.deployment.domain.EnvironmentSettings;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.deployment.domain.RolloutStrategy;
import dev.tollgate.approval.deployment.domain.Step;
import dev.tollgate.approval.deployment.domain.StrategyKind;
import dev.tollgate.approval.policy.Actor;
import dev.tollgate.approval.policy.ApprovalPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Shared test values: the brief's dev identities, policies and a typical request. */
public final class Fixtures {

  public static final String DIGEST = "sha256:" + "ab".repeat(32);
  public static final Actor CI = new Actor("ci:pipeline", Set.of("ci"), Set.of());
  public static final Actor ALICE = new Actor("alice", Set.of("approver"), Set.of("ml-lead"));
  public static final Actor BOB = new Actor("bob", Set.of("approver"), Set.of("sre"));
  public static final Actor CAROL = new Actor("carol", Set.of("approver"), Set.of("ml-lead"));
  public static final Actor DAVE = new Actor("dave", Set.of("approver"), Set.of("sre"));
  public static final Actor OLIVIA = new Actor("olivia", Set.of("operator"), Set.of());
  public static final Actor ADMIN = new Actor("admin", Set.of("admin"), Set.of());

  public static final RolloutStrategy CANARY = new RolloutStrategy(StrategyKind.CANARY, List.of(
      new Step.SetWeight(20), new Step.Pause(1L), new Step.SetWeight(50), new Step.SetWeight(100)));
  public static final RolloutStrategy DEFAULT = new RolloutStrategy(StrategyKind.CANARY, List.of(
      new Step.SetWeight(10), new Step.Pause(null), new Step.SetWeight(100)));

  public static final EnvironmentSettings STAGING = new EnvironmentSettings("staging",
      ApprovalPolicy.of("staging", "staging-v1", 1, "approver", List.of()), DEFAULT);
  public static final EnvironmentSettings PRODUCTION = new EnvironmentSettings("production",
      ApprovalPolicy.of("production", "production-v1", 2, "approver", List.of("ml-lead", "sre")), DEFAULT);

  public static final Environments ENVIRONMENTS = new Environments() {
    private final Map<String, EnvironmentSettings> byName = Map.of("staging", STAGING, "production", PRODUCTION);

    @Override
    public Optional<EnvironmentSettings> find(String name) {
      return Optional.ofNullable(byName.get(name));
    }

    @Override
    public SortedSet<String> names() {
      return new TreeSet<>(byName.keySet());
    }
  };

  private Fixtures() {}

  public static DeploymentRequest request(String environment, String idempotencyKey) {
    return request("fraud-detector", "1.4.0", environment, idempotencyKey);
  }

  public static DeploymentRequest request(String model, String version, String environment, String idempotencyKey) {
    return new DeploymentRequest(model, version, DIGEST, environment,
        new ArtifactSource("9f2c1e7", "dave", "https://ci.example/run/42"), CANARY,
        new DeploymentProfile("ml.g5", "xlarge", 2, "eu-west-1", "weekdays 09:00-17:00 Europe/Berlin"),
        idempotencyKey);
  }
}
