-- Signed checkpoints: Ed25519 statements that chain <chain_id> had <seq> links, the last with hash
-- <head_hash>, <event_count> of them readable events. See dev.tollgate.audit.chain.CheckpointStatement
-- for the signed bytes. Rows are append-only apart from published_at.
CREATE TABLE checkpoint (
    chain_id     text        NOT NULL,
    seq          bigint      NOT NULL,
    head_hash    bytea       NOT NULL,
    event_count  bigint      NOT NULL,
    signed_at    timestamptz NOT NULL,  -- millisecond precision, as signed
    key_id       text        NOT NULL,  -- hex SHA-256 of the signing key's X.509 public key
    signature    bytea       NOT NULL,
    published_at timestamptz,           -- null until the broker acknowledged it on the audit-checkpoint topic
    -- One checkpoint per chain head. The key also serves both reads by chain: the latest
    -- checkpoint of a chain (DISTINCT ON ... ORDER BY chain_id, seq DESC walks it backwards) and a
    -- chain's checkpoints in seq order during verification and export.
    CONSTRAINT checkpoint_pk PRIMARY KEY (chain_id, seq),
    CONSTRAINT checkpoint_hash_len CHECK (octet_length(head_hash) = 32)
);

-- The publisher polls WHERE published_at IS NULL ORDER BY signed_at. Partial, so the index holds
-- only the few rows not yet acknowledged instead of growing with every checkpoint ever signed.
CREATE INDEX checkpoint_unpublished_idx ON checkpoint (signed_at) WHERE published_at IS NULL;

-- Every key that ever signed for this trail, so old checkpoints stay verifiable after a key change.
CREATE TABLE signing_key (
    key_id          text        NOT NULL,
    public_key_pem  text        NOT NULL,  -- X.509 SubjectPublicKeyInfo
    private_key_pem text,                  -- PKCS#8; only for the key generated for local development
    origin          text        NOT NULL,  -- 'generated' (dev, kept here) or 'configured' (PEM files)
    created_at      timestamptz NOT NULL,
    CONSTRAINT signing_key_pk PRIMARY KEY (key_id),
    CONSTRAINT signing_key_origin CHECK (origin IN ('generated', 'configured')),
    CONSTRAINT signing_key_private_only_generated CHECK (private_key_pem IS NULL OR origin = 'generated')
);

-- At most one generated key, ever: two instances starting together cannot both generate one, and
-- a restart reuses the stored key instead of silently making a new one.
CREATE UNIQUE INDEX signing_key_one_generated_idx ON signing_key (origin) WHERE origin = 'generated';
