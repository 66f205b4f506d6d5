package dev.tollgate.audit.trail;

import java.util.List;

/**
 * A page of a filtered timeline. {@code sequence} of each event counts from 1 across pages;
 * {@code nextCursor} is null on the last page.
 */
public record EventPage(List<TimelineEvent> events, String nextCursor) {}
