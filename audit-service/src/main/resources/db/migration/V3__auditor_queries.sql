-- Indexes for the auditor's queries that are not by deployment or model version.

-- Time-range reads across all models: GET /api/v1/export?from=&to= (the per-chain min/max seq of
-- events in the range) and timelines filtered by time only. Without it both scan the whole table.
CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at);
