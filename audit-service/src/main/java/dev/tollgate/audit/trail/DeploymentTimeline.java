package dev.tollgate.audit.trail;

import java.util.List;

/** Every recorded event of one deployment, in timeline order; {@code hasMore} when the page was cut at the limit. */
public record DeploymentTimeline(String deploymentId, List<TimelineEvent> events, boolean hasMore) {}
