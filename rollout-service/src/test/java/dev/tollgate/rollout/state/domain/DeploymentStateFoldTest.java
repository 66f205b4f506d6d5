package dev.tollgate.rollout.state.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.rollout.state.domain.LifecycleEvent.Change;
import dev.tollgate.strategy.StrategyKind;
import dev.tollgate.rollout.strategy.TrafficWeight;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentStateFoldTest {

  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final String DIGEST = "sha256:" + "b".repeat(64);
  private static final Profile PROFILE = new Profile("ml.g5", "xlarge", 2, "eu-west-1", null);

  private int seconds;

  private LifecycleEvent event(String id, String deploymentId, String type, Change change) {
    return new LifecycleEvent(id, type, T0.plusSeconds(seconds++), "someone", deploymentId, "fraud-detector", "1.4.0",
        "staging", change);
  }

  private LifecycleEvent event(String id, String type, Change change) {
    return event(id, "d1", type, change);
  }

  private static DeploymentView fold(DeploymentView state, LifecycleEvent... events) {
    for (LifecycleEvent e : events) {
      state = DeploymentStateFold.apply(state, e);
    }
    return state;
  }

  private LifecycleEvent requested() {
    return event("e-req", "DeploymentRequested", new LifecycleEvent.Requested(DIGEST, StrategyKind.CANARY, 3, PROFILE));
  }

  private LifecycleEvent approved() {
    return event("e-app", "DeploymentApproved",
        new LifecycleEvent.Approved(DIGEST, "staging-v1", List.of("alice"), StrategyKind.CANARY, 3, PROFILE));
  }

  @Test
  void followsADeploymentFromRequestToSuccess() {
    DeploymentView pending = fold(null, requested(),
        event("e-ar", "ApprovalRequested",
            new LifecycleEvent.ApprovalRequested(DIGEST, "staging-v1", StrategyKind.CANARY, 3, PROFILE)));
    assertThat(pending.status()).isEqualTo(VersionStatus.PENDING_APPROVAL);
    assertThat(pending.requestedAt()).isEqualTo(T0);
    assertThat(pending.policyVersion()).isEqualTo("staging-v1");

    DeploymentView granted = fold(pending,
        event("e-g", "ApprovalGranted", new LifecycleEvent.ApprovalGranted("alice", "staging-v1")), approved());
    assertThat(granted.status()).isEqualTo(VersionStatus.APPROVED);
    assertThat(granted.approvers()).containsExactly("alice");
    assertThat(granted.approvedAt()).isEqualTo(T0.plusSeconds(3));

    DeploymentView rolling = fold(granted,
        event("e-rs", "RolloutStarted", new LifecycleEvent.RolloutStarted(StrategyKind.CANARY, 3, DIGEST)),
        event("e-s0", "StepStarted", new LifecycleEvent.StepReached(0)),
        event("e-tc", "TrafficCommand", new LifecycleEvent.TrafficSet(List.of(new TrafficWeight("1.4.0", 20)))),
        event("e-c0", "StepCompleted", new LifecycleEvent.StepReached(0)),
        event("e-s1", "StepStarted", new LifecycleEvent.StepReached(1)));
    assertThat(rolling.status()).isEqualTo(VersionStatus.ROLLING_OUT);
    assertThat(rolling.currentStepIndex()).isEqualTo(1);
    assertThat(rolling.weights()).containsExactly(new TrafficWeight("1.4.0", 20));
    assertThat(rolling.startedAt()).isEqualTo(T0.plusSeconds(4));
    assertThat(rolling.finishedAt()).isNull();

    DeploymentView done = fold(rolling, event("e-p", "RolloutPromoted", new LifecycleEvent.Promoted()));
    assertThat(done.status()).isEqualTo(VersionStatus.SUCCEEDED);
    assertThat(done.currentStepIndex()).isEqualTo(3);
    assertThat(done.finishedAt()).isEqualTo(done.updatedAt());
    assertThat(done.lastEventType()).isEqualTo("RolloutPromoted");
    assertThat(done.lastEventId()).isEqualTo("e-p");
    assertThat(done.profile()).isEqualTo(PROFILE);
    assertThat(done.artifactDigest()).isEqualTo(DIGEST);
  }

  @Test
  void anEventAlreadyAppliedChangesNothing() {
    LifecycleEvent approved = approved();
    DeploymentView state = fold(null, requested(), approved,
        event("e-c", "ApprovalCommented", new LifecycleEvent.Noted()));

    assertThat(DeploymentStateFold.apply(state, approved)).isSameAs(state);
    assertThat(DeploymentStateFold.apply(state, requested())).isSameAs(state);
  }

  @Test
  void aLateRequestDoesNotMoveAnApprovedVersionBack() {
    DeploymentView state = fold(null, approved(), requested());

    assertThat(state.status()).isEqualTo(VersionStatus.APPROVED);
    assertThat(state.requestedAt()).isEqualTo(T0);
    assertThat(state.lastEventType()).isEqualTo("DeploymentRequested");
  }

  @Test
  void terminalStatusesAreFinal() {
    DeploymentView aborted = fold(null, approved(),
        event("e-ab", "RolloutAborted", new LifecycleEvent.StatusReached(VersionStatus.ABORTED, true)));
    DeploymentView after = fold(aborted,
        event("e-rs", "RolloutStarted", new LifecycleEvent.RolloutStarted(StrategyKind.CANARY, 3, DIGEST)));

    assertThat(aborted.status()).isEqualTo(VersionStatus.ABORTED);
    assertThat(aborted.finishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(after.status()).isEqualTo(VersionStatus.ABORTED);
    assertThat(after.finishedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void aNewDeploymentOfTheSameVersionStartsAFreshStateAndOwnsTheKey() {
    DeploymentView rejected = fold(null, requested(),
        event("e-rej", "DeploymentRejected", new LifecycleEvent.StatusReached(VersionStatus.REJECTED, true)));

    DeploymentView retried = fold(rejected, event("e2-req", "d2", "DeploymentRequested",
        new LifecycleEvent.Requested(DIGEST, null, null, PROFILE)));
    DeploymentView stale = fold(retried,
        event("e-late", "d1", "ApprovalGranted", new LifecycleEvent.ApprovalGranted("bob", "staging-v1")));

    assertThat(retried.deploymentId()).isEqualTo("d2");
    assertThat(retried.status()).isEqualTo(VersionStatus.PENDING_APPROVAL);
    assertThat(retried.finishedAt()).isNull();
    assertThat(retried.applied("e-rej")).isTrue();
    assertThat(stale).isSameAs(retried);
  }

  @Test
  void approversComeAndGo() {
    DeploymentView state = fold(null, requested(),
        event("g1", "ApprovalGranted", new LifecycleEvent.ApprovalGranted("alice", "prod-v2")),
        event("g2", "ApprovalGranted", new LifecycleEvent.ApprovalGranted("bob", "prod-v2")),
        event("w1", "ApprovalWithdrawn", new LifecycleEvent.ApprovalWithdrawn("alice")));

    assertThat(state.approvers()).containsExactly("bob");
    assertThat(state.status()).isEqualTo(VersionStatus.PENDING_APPROVAL);
  }

  @Test
  void pausedAndResumedMoveBetweenRunningStatuses() {
    DeploymentView paused = fold(null, approved(),
        event("rs", "RolloutStarted", new LifecycleEvent.RolloutStarted(StrategyKind.CANARY, 3, DIGEST)),
        event("pa", "RolloutPaused", new LifecycleEvent.StatusReached(VersionStatus.PAUSED, false)));
    DeploymentView resumed = fold(paused,
        event("re", "RolloutResumed", new LifecycleEvent.StatusReached(VersionStatus.ROLLING_OUT, false)));

    assertThat(paused.status()).isEqualTo(VersionStatus.PAUSED);
    assertThat(resumed.status()).isEqualTo(VersionStatus.ROLLING_OUT);
  }

  @Test
  void theLiveVersionFollowsPromotionsOnly() {
    LifecycleEvent promoted = event("p", "RolloutPromoted", new LifecycleEvent.Promoted());

    LiveDeployment live = LiveDeployment.apply(null, promoted);

    assertThat(live).isEqualTo(new LiveDeployment("fraud-detector", "staging", "1.4.0", "d1", promoted.occurredAt()));
    assertThat(LiveDeployment.apply(live, approved())).isSameAs(live);
    assertThat(LiveDeployment.apply(live, promoted)).isSameAs(live);
    assertThat(LiveDeployment.apply(null, approved())).isNull();
  }
}
