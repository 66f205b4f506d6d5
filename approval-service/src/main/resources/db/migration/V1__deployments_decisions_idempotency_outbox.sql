-- Deployments as approval-service knows them: the request, the resolved strategy, the status.
CREATE TABLE deployment (
    deployment_id     VARCHAR(128) PRIMARY KEY,
    model_name        VARCHAR(128) NOT NULL,
    model_version     VARCHAR(64)  NOT NULL,
    environment       VARCHAR(32)  NOT NULL,
    artifact_digest   VARCHAR(71)  NOT NULL,
    status            VARCHAR(32)  NOT NULL,
    requested_by      VARCHAR(200) NOT NULL,
    requested_at      TIMESTAMPTZ  NOT NULL,
    policy_version    VARCHAR(100) NOT NULL,
    request_event_id  VARCHAR(64)  NOT NULL,
    idempotency_key   VARCHAR(200),
    source            JSONB        NOT NULL,
    requested_strategy JSONB,
    strategy          JSONB        NOT NULL,
    profile           JSONB        NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);

CREATE INDEX deployment_status_requested_at ON deployment (status, requested_at DESC);
CREATE INDEX deployment_model ON deployment (model_name, model_version, environment);
CREATE UNIQUE INDEX deployment_request_event_id ON deployment (request_event_id);

-- Every approval and rejection, in order. One approval per person and deployment.
CREATE TABLE decision (
    deployment_id  VARCHAR(128) NOT NULL REFERENCES deployment (deployment_id),
    seq            INT          NOT NULL,
    kind           VARCHAR(16)  NOT NULL CHECK (kind IN ('APPROVAL', 'REJECTION')),
    actor          VARCHAR(200) NOT NULL,
    actor_key      VARCHAR(200) NOT NULL,
    roles          TEXT[]       NOT NULL,
    groups         TEXT[]       NOT NULL,
    decided_at     TIMESTAMPTZ  NOT NULL,
    text           TEXT,
    PRIMARY KEY (deployment_id, seq)
);

CREATE UNIQUE INDEX decision_one_approval_per_person ON decision (deployment_id, actor_key) WHERE kind = 'APPROVAL';

-- CI's idempotency keys. The unique key makes concurrent duplicate submissions converge on one
-- deployment; the fingerprint catches a key reused for another artifact.
CREATE TABLE idempotency_key (
    idempotency_key  VARCHAR(200) PRIMARY KEY,
    deployment_id    VARCHAR(128) NOT NULL REFERENCES deployment (deployment_id) DEFERRABLE INITIALLY DEFERRED,
    fingerprint      VARCHAR(400) NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL
);

-- Transactional outbox: events written with the state change, relayed to Kafka in id order.
CREATE TABLE outbox (
    id           BIGSERIAL    PRIMARY KEY,
    event_id     VARCHAR(64)  NOT NULL UNIQUE,
    event_type   VARCHAR(64)  NOT NULL,
    topic        VARCHAR(249) NOT NULL,
    record_key   VARCHAR(256) NOT NULL,
    payload      BYTEA        NOT NULL,
    deployment_id VARCHAR(128),
    created_at   TIMESTAMPTZ  NOT NULL,
    sent_at      TIMESTAMPTZ
);

CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
