package dev.tollgate.audit.trail;

import java.util.List;

/** Every recorded event of one model version, across its deployments and environments, in timeline order. */
public record VersionTimeline(String modelName, String modelVersion, List<TimelineEvent> events, boolean hasMore) {}
