-- GET /api/v1/events?model=… (a model across its versions, optionally narrowed by environment, type or actor):
-- model equality, then time order, so the page is read in timeline order from the index and the scan stops
-- after one page. audit_event_model_version_idx (model_name, model_version, occurred_at) also starts with
-- model_name, but its rows of one model come version by version, so PostgreSQL read every event of the model
-- and sorted them for each page (EXPLAIN on 1.35M rows: top-N heapsort over all 750 rows of a model, 2.4 ms,
-- growing with the model's history; with this index: an ordered scan of about 100 rows). See
-- docs/audit-indexes.md. Versioned 4.1 so that it sorts after any V4 written meanwhile.
CREATE INDEX audit_event_model_timeline_idx ON audit_event (model_name, occurred_at);
