-- The audit trail: every record of every lifecycle topic, hash-chained per source partition.
-- Rows are append-only; the ingest path never updates or deletes audit_event or unreadable_record.

CREATE TABLE audit_event (
    chain_id         text        NOT NULL,  -- '<topic>-<partition>'
    chain_seq        bigint      NOT NULL,  -- 1..n within the chain, shared with unreadable_record
    prev_hash        bytea       NOT NULL,  -- hash of link chain_seq - 1 (32 zero bytes for link 1)
    hash             bytea       NOT NULL,  -- SHA-256(prev_hash || canonical bytes), see dev.tollgate.audit.chain.CanonicalBytes
    topic            text        NOT NULL,
    partition        integer     NOT NULL,
    kafka_offset     bigint      NOT NULL,
    record_key       bytea,                 -- original key bytes (the model name)
    schema_id        integer     NOT NULL,  -- registry id of the writer schema
    value_avro       bytea       NOT NULL,  -- original value bytes, Confluent framing included
    event_id         text        NOT NULL,
    event_type       text        NOT NULL,  -- payload record simple name, or the value record name
    occurred_at      timestamptz NOT NULL,
    actor            text        NOT NULL,
    deployment_id    text,
    model_name       text        NOT NULL,
    model_version    text        NOT NULL,
    environment      text        NOT NULL,
    causation_id     text,
    payload          jsonb       NOT NULL,  -- the decoded record as plain JSON (unions carry "type")
    record_timestamp timestamptz,           -- the Kafka record timestamp
    ingested_at      timestamptz NOT NULL,
    -- Verification reads each chain in sequence order: the primary key is that scan.
    CONSTRAINT audit_event_pk PRIMARY KEY (chain_id, chain_seq),
    -- An event id is recorded once, whatever offset it was re-sent at (the envelope's idempotency key).
    CONSTRAINT audit_event_event_id_uq UNIQUE (event_id),
    -- A source record is recorded once: the last line of defence against a replayed batch.
    CONSTRAINT audit_event_source_uq UNIQUE (topic, partition, kafka_offset),
    CONSTRAINT audit_event_hash_len CHECK (octet_length(hash) = 32 AND octet_length(prev_hash) = 32)
);

-- Deployment timeline: WHERE deployment_id = ? ORDER BY occurred_at, ... . The equality column
-- first, then the sort column, so the planner reads one deployment's rows already ordered by
-- time. Partial: events without a deployment (platform-wide ones) are never looked up this way.
CREATE INDEX audit_event_deployment_timeline_idx
    ON audit_event (deployment_id, occurred_at)
    WHERE deployment_id IS NOT NULL;

-- Model version timeline: WHERE model_name = ? AND model_version = ? ORDER BY occurred_at, ... .
-- Both equality columns, then occurred_at for the same ordered read; the (model_name) prefix also
-- serves "everything about a model" queries (auditor filters, handoff records).
CREATE INDEX audit_event_model_version_idx
    ON audit_event (model_name, model_version, occurred_at);

-- Records that could not be read. They take a link in the same chain as the events around them,
-- so a gap in the trail is visible and cannot be removed later without breaking the chain.
CREATE TABLE unreadable_record (
    chain_id      text        NOT NULL,
    chain_seq     bigint      NOT NULL,
    prev_hash     bytea       NOT NULL,
    hash          bytea       NOT NULL,
    topic         text        NOT NULL,
    partition     integer     NOT NULL,
    kafka_offset  bigint      NOT NULL,
    record_key    bytea,
    record_value  bytea,                    -- original bytes, null for a tombstone
    reason        text        NOT NULL,     -- machine-readable, equal to the dead letter's reason header
    message       text,
    dead_lettered boolean     NOT NULL,     -- false for readable records kept out of the trail (duplicate event id)
    received_at   timestamptz NOT NULL,
    -- Verification merges this table into the chain scan by (chain_id, chain_seq).
    CONSTRAINT unreadable_record_pk PRIMARY KEY (chain_id, chain_seq),
    CONSTRAINT unreadable_record_source_uq UNIQUE (topic, partition, kafka_offset),
    CONSTRAINT unreadable_record_hash_len CHECK (octet_length(hash) = 32 AND octet_length(prev_hash) = 32)
);

-- GET /api/v1/unreadable lists the newest first.
CREATE INDEX unreadable_record_received_idx ON unreadable_record (received_at DESC);

-- Where ingest resumes, per source partition, written in the same transaction as the rows it covers,
-- together with the chain head those rows produced. One trail per database: the key is the source
-- partition, not the consumer group.
CREATE TABLE consumer_offset (
    topic       text        NOT NULL,
    partition   integer     NOT NULL,
    next_offset bigint      NOT NULL,  -- the next offset to read (last recorded offset + 1)
    chain_seq   bigint      NOT NULL,  -- head of chain '<topic>-<partition>'
    chain_head  bytea       NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT consumer_offset_pk PRIMARY KEY (topic, partition)
);
