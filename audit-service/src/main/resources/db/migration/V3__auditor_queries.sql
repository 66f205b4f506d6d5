-- Indexes for the auditor's queries that are not by deployment or model version.

-- Time-range reads across all models: GET /api/v1/export?from=&to= (the per-chain min/max seq of
-- events in the range) and timelines filtered by time only. Without it both scan the whole table.
CREATE INDEX audit_event_occurred_at_idx ON audit_event (occurred_at);

-- GET /api/v1/live: the last RolloutPromoted/RollbackCompleted of a model in an environment at or
-- before an instant. Partial over those two event types only, so it stays a small fraction of the
-- table, and ordered by occurred_at so the answer is one backward index step.
CREATE INDEX audit_event_live_idx
    ON audit_event (model_name, environment, occurred_at)
    WHERE event_type IN ('RolloutPromoted', 'RollbackCompleted');

-- GET /api/v1/events?actor=… ("everything alice did"): actor equality, then time order. Without it
-- an actor filter without a model scans every event.
CREATE INDEX audit_event_actor_idx ON audit_event (actor, occurred_at);

-- GET /api/v1/events?eventType=… across models (e.g. every RollbackTriggered in a quarter): type
-- equality, then time order.
CREATE INDEX audit_event_type_idx ON audit_event (event_type, occurred_at);
