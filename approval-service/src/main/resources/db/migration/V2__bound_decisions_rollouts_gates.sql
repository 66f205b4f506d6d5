-- Issue 5: decisions bound to digest and policy version, withdrawals and comments in the decision
-- log, completed rollouts (promotion order) and stage gates with their votes.

-- Every approval records the artifact digest and policy version it was given under; when either
-- changes it stops counting. Rows from V1 were all given under their deployment's.
ALTER TABLE decision ADD COLUMN artifact_digest VARCHAR(71);
ALTER TABLE decision ADD COLUMN policy_version VARCHAR(100);
ALTER TABLE decision ADD COLUMN break_glass BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE decision d SET artifact_digest = dep.artifact_digest, policy_version = dep.policy_version
FROM deployment dep WHERE d.deployment_id = dep.deployment_id;

ALTER TABLE decision DROP CONSTRAINT decision_kind_check;
ALTER TABLE decision ADD CONSTRAINT decision_kind_check
    CHECK (kind IN ('APPROVAL', 'REJECTION', 'WITHDRAWAL', 'COMMENT'));

-- An expired approval (or one under an older policy version) may be given again by the same
-- person, so "one approval per person" is now the policy's rule over current approvals. Decisions
-- on one deployment are serialized by its row lock.
DROP INDEX decision_one_approval_per_person;

-- Supersede finds the pending request of a model and environment.
CREATE INDEX deployment_pending_model_env ON deployment (model_name, environment) WHERE status = 'PENDING_APPROVAL';

-- Rollouts rollout-service started (their digest) and completed (RolloutPromoted), for the
-- promotion order: production accepts a digest only after it completed in staging.
CREATE TABLE rollout_started (
    deployment_id    VARCHAR(128) PRIMARY KEY,
    model_name       VARCHAR(128) NOT NULL,
    model_version    VARCHAR(64)  NOT NULL,
    environment      VARCHAR(32)  NOT NULL,
    artifact_digest  VARCHAR(71)  NOT NULL,
    started_at       TIMESTAMPTZ  NOT NULL,
    event_id         VARCHAR(64)  NOT NULL
);

CREATE TABLE completed_rollout (
    model_name       VARCHAR(128) NOT NULL,
    artifact_digest  VARCHAR(71)  NOT NULL,
    environment      VARCHAR(32)  NOT NULL,
    model_version    VARCHAR(64)  NOT NULL,
    deployment_id    VARCHAR(128) NOT NULL,
    completed_at     TIMESTAMPTZ  NOT NULL,
    event_id         VARCHAR(64)  NOT NULL,
    PRIMARY KEY (model_name, artifact_digest, environment)
);

-- Stage gates rollout-service waits at, and the votes on them: durable, so a restart of either
-- service loses no gate and no vote.
CREATE TABLE gate (
    deployment_id    VARCHAR(128) NOT NULL REFERENCES deployment (deployment_id),
    gate             VARCHAR(128) NOT NULL,
    step_index       INT          NOT NULL,
    current_weight   INT          NOT NULL,
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'ABANDONED')),
    requested_at     TIMESTAMPTZ  NOT NULL,
    request_event_id VARCHAR(64)  NOT NULL UNIQUE,
    decided_at       TIMESTAMPTZ,
    PRIMARY KEY (deployment_id, gate, step_index)
);

CREATE INDEX gate_pending ON gate (requested_at) WHERE status = 'PENDING';

CREATE TABLE gate_vote (
    deployment_id    VARCHAR(128) NOT NULL,
    gate             VARCHAR(128) NOT NULL,
    step_index       INT          NOT NULL,
    seq              INT          NOT NULL,
    kind             VARCHAR(16)  NOT NULL CHECK (kind IN ('APPROVAL', 'REJECTION')),
    actor            VARCHAR(200) NOT NULL,
    roles            TEXT[]       NOT NULL,
    groups           TEXT[]       NOT NULL,
    decided_at       TIMESTAMPTZ  NOT NULL,
    text             TEXT,
    artifact_digest  VARCHAR(71),
    policy_version   VARCHAR(100),
    PRIMARY KEY (deployment_id, gate, step_index, seq),
    FOREIGN KEY (deployment_id, gate, step_index) REFERENCES gate (deployment_id, gate, step_index)
);
