package dev.tollgate.audit.unreadable;

import java.util.List;

/** A page of unreadable records, newest first. */
public record UnreadableRecords(List<UnreadableRecordView> records, boolean hasMore) {}
