package dev.tollgate.rollout.state.domain;

/**
 * Status of a model version in an environment. Ranks order the lifecycle so that events arriving
 * out of order across topics (a request after its approval) never move a status backwards;
 * terminal statuses are final.
 */
public enum VersionStatus {
  UNKNOWN(0, false),
  PENDING_APPROVAL(1, false),
  APPROVED(2, false),
  ROLLING_OUT(3, false),
  PAUSED(3, false),
  ROLLING_BACK(4, false),
  REJECTED(5, true),
  SUPERSEDED(5, true),
  CANCELLED(5, true),
  SUCCEEDED(5, true),
  ROLLED_BACK(5, true),
  ABORTED(5, true);

  private final int rank;
  private final boolean terminal;

  VersionStatus(int rank, boolean terminal) {
    this.rank = rank;
    this.terminal = terminal;
  }

  public boolean terminal() {
    return terminal;
  }

  /** Position in the lifecycle (statuses of one rank are alternatives, e.g. rolling out and paused). */
  public int rank() {
    return rank;
  }

  /** Whether an event proposing {@code next} may move this status there. */
  public boolean canMoveTo(VersionStatus next) {
    return !terminal && next.rank >= rank;
  }
}
