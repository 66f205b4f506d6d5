package dev.tollgate.rollout.state.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds lifecycle events into the state of one model version in one environment. Pure and
 * idempotent: an event id already applied returns the state unchanged (the same instance), so
 * callers can skip writing when nothing changed.
 */
public final class DeploymentStateFold {

  private DeploymentStateFold() {}

  /** The state after {@code event}; {@code state} is null for a version not seen before. */
  public static DeploymentView apply(DeploymentView state, LifecycleEvent event) {
    if (state != null && state.applied(event.eventId())) {
      return state;
    }
    DeploymentView base;
    if (state == null) {
      base = DeploymentView.empty(event, List.of());
    } else if (!state.deploymentId().equals(event.deploymentId())) {
      if (!event.change().opensDeployment()) {
        // a late event of an earlier deployment of this version: the newer deployment owns the key
        return state;
      }
      base = DeploymentView.empty(event, state.appliedEventIds());
    } else {
      base = state;
    }
    DeploymentView.Builder next = base.toBuilder();
    change(next, event);
    next.updatedAt = event.occurredAt();
    next.lastEventId = event.eventId();
    next.lastEventType = event.eventType();
    next.appliedEventIds = remember(next.appliedEventIds, event.eventId());
    return next.build();
  }

  private static void change(DeploymentView.Builder v, LifecycleEvent e) {
    LifecycleEvent.Change change = e.change();
    if (change instanceof LifecycleEvent.Requested r) {
      move(v, VersionStatus.PENDING_APPROVAL, e, false);
      v.requestedAt = v.requestedAt == null ? e.occurredAt() : v.requestedAt;
      v.artifactDigest = orKeep(r.artifactDigest(), v.artifactDigest);
      v.profile = orKeep(r.profile(), v.profile);
      if (r.strategyKind() != null && v.stepCount == 0) {
        v.strategyKind = r.strategyKind();
        v.stepCount = r.stepCount();
      }
    } else if (change instanceof LifecycleEvent.ApprovalRequested r) {
      move(v, VersionStatus.PENDING_APPROVAL, e, false);
      v.requestedAt = v.requestedAt == null ? e.occurredAt() : v.requestedAt;
      v.artifactDigest = orKeep(r.artifactDigest(), v.artifactDigest);
      v.policyVersion = orKeep(r.policyVersion(), v.policyVersion);
      v.profile = orKeep(r.profile(), v.profile);
      v.strategyKind = r.strategyKind();
      v.stepCount = r.stepCount();
    } else if (change instanceof LifecycleEvent.ApprovalGranted g) {
      if (!v.approvers.contains(g.approver())) {
        List<String> approvers = new ArrayList<>(v.approvers);
        approvers.add(g.approver());
        v.approvers = approvers;
      }
      v.policyVersion = orKeep(g.policyVersion(), v.policyVersion);
    } else if (change instanceof LifecycleEvent.ApprovalWithdrawn w) {
      List<String> approvers = new ArrayList<>(v.approvers);
      approvers.remove(w.approver());
      v.approvers = approvers;
    } else if (change instanceof LifecycleEvent.Approved a) {
      move(v, VersionStatus.APPROVED, e, false);
      v.approvedAt = e.occurredAt();
      v.requestedAt = v.requestedAt == null ? e.occurredAt() : v.requestedAt;
      v.artifactDigest = orKeep(a.artifactDigest(), v.artifactDigest);
      v.policyVersion = orKeep(a.policyVersion(), v.policyVersion);
      v.approvers = a.approvers();
      v.profile = orKeep(a.profile(), v.profile);
      v.strategyKind = a.strategyKind();
      v.stepCount = a.stepCount();
    } else if (change instanceof LifecycleEvent.RolloutStarted s) {
      move(v, VersionStatus.ROLLING_OUT, e, false);
      v.startedAt = e.occurredAt();
      v.strategyKind = s.strategyKind();
      v.stepCount = s.stepCount();
      v.artifactDigest = orKeep(s.artifactDigest(), v.artifactDigest);
    } else if (change instanceof LifecycleEvent.StepReached s) {
      v.currentStepIndex = Math.max(v.currentStepIndex, s.stepIndex());
    } else if (change instanceof LifecycleEvent.GateAwaited g) {
      v.currentStepIndex = Math.max(v.currentStepIndex, g.stepIndex());
      if (move(v, VersionStatus.PAUSED, e, false)) {
        v.lastVerdict = "awaiting gate " + g.gate() + " (step " + g.stepIndex() + ")";
      }
    } else if (change instanceof LifecycleEvent.StatusReached s) {
      move(v, s.status(), e, s.finishes());
    } else if (change instanceof LifecycleEvent.Promoted) {
      if (move(v, VersionStatus.SUCCEEDED, e, true)) {
        v.currentStepIndex = v.stepCount;
      }
    } else if (change instanceof LifecycleEvent.Verdict verdict) {
      v.lastVerdict = verdict.verdict();
    } else if (change instanceof LifecycleEvent.TrafficSet t) {
      v.weights = t.weights();
    }
    // LifecycleEvent.Noted changes nothing but the last-event fields
  }

  /** Moves the status when the lifecycle allows it; returns whether it moved. */
  private static boolean move(DeploymentView.Builder v, VersionStatus next, LifecycleEvent e, boolean finishes) {
    if (!v.status.canMoveTo(next)) {
      return false;
    }
    v.status = next;
    if (finishes) {
      v.finishedAt = e.occurredAt();
    }
    return true;
  }

  private static <T> T orKeep(T value, T current) {
    return value != null ? value : current;
  }

  private static List<String> remember(List<String> ids, String id) {
    List<String> next = new ArrayList<>(ids);
    next.add(id);
    while (next.size() > DeploymentView.APPLIED_ID_CAPACITY) {
      next.remove(0);
    }
    return next;
  }
}
