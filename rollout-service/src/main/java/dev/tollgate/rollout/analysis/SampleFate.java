package dev.tollgate.rollout.analysis;

/** What became of a health sample; every sample gets exactly one fate, counted for operators. */
public enum SampleFate {
  /** Added to the analysis window of an active rollout. */
  AGGREGATED,
  /** No rollout is active for the sample's model and environment: dropped. */
  NO_ACTIVE_ROLLOUT,
  /** A rollout is active there, but the sample's version is neither its candidate nor its baseline: dropped. */
  VERSION_NOT_IN_ROLLOUT,
  /** Its event id was aggregated before (a redelivery): dropped. */
  DUPLICATE;

  /** Metric tag value, e.g. {@code no-active-rollout}. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
