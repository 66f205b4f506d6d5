package dev.tollgate.rollout.stores;

/** The topology's state stores; their changelog topics are named after them by Kafka Streams. */
public final class StoreNames {

  /** Controller lanes keyed {@code model/environment}: the active (or last) rollout and the live version. */
  public static final String ROLLOUT_LANES = "rollout-lanes";

  /** The active rollout's health analysis window keyed {@code model/environment}; absent without one. */
  public static final String LANE_HEALTH = "lane-health";

  /** Queryable state per {@code model/version/environment}. */
  public static final String DEPLOYMENT_STATES = "deployment-states";

  /** Queryable live version per {@code model/environment}. */
  public static final String LIVE_VERSIONS = "live-versions";

  /**
   * Versioned: every live version per {@code model/environment}, each valid from its promotion until
   * the next one, kept for the configured history retention ("what was live at T").
   */
  public static final String LIVE_HISTORY = "live-history";

  private StoreNames() {}
}
