package dev.tollgate.rollout.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rollouts of one model in one environment: what is live there, the current (or last) rollout,
 * and the ids recently acted on. At most one rollout in a lane is active at a time.
 *
 * @param liveVersion the known-good version (last promoted); null when nothing was promoted yet
 * @param liveDeploymentId the deployment that promoted {@code liveVersion}
 * @param current the active rollout, or the last finished one; null before the first
 * @param recentIds approval event ids and deployment ids already acted on, newest last, bounded
 */
public record RolloutLane(
    String model, String environment, String liveVersion, String liveDeploymentId, RolloutState current,
    List<String> recentIds) {

  /** Enough to recognise redelivered approvals for a long time, small enough to keep the store value small. */
  public static final int RECENT_ID_CAPACITY = 256;

  public RolloutLane {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(environment, "environment");
    recentIds = recentIds == null ? List.of() : List.copyOf(recentIds);
  }

  public static RolloutLane empty(String model, String environment) {
    return new RolloutLane(model, environment, null, null, null, List.of());
  }

  public boolean hasActiveRollout() {
    return current != null && current.active();
  }

  public boolean remembers(String id) {
    return id != null && recentIds.contains(id);
  }

  RolloutLane remember(String... ids) {
    List<String> next = new ArrayList<>(recentIds);
    for (String id : ids) {
      if (id != null && !next.contains(id)) {
        next.add(id);
      }
    }
    while (next.size() > RECENT_ID_CAPACITY) {
      next.remove(0);
    }
    return new RolloutLane(model, environment, liveVersion, liveDeploymentId, current, next);
  }

  RolloutLane withCurrent(RolloutState state) {
    if (state.promoted()) {
      return new RolloutLane(model, environment, state.deployment().version(), state.deployment().deploymentId(),
          state, recentIds);
    }
    return new RolloutLane(model, environment, liveVersion, liveDeploymentId, state, recentIds);
  }
}
