-- Staff administration (issue 13): admins create agent, ops and admin accounts, reset their
-- factors and disable them; every such act is audited. The first admin of a new installation comes
-- from a one-time bootstrap token.
ALTER TABLE account ADD COLUMN disabled_at TIMESTAMPTZ;   -- a disabled account never signs in again

CREATE TABLE staff_audit (
    id        BIGSERIAL   PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    actor_id  UUID,                    -- null for the bootstrap, which no account did
    actor     TEXT        NOT NULL,    -- username, or 'bootstrap'
    action    TEXT        NOT NULL,    -- staff_created, staff_factors_reset, staff_disabled
    target_id UUID        NOT NULL REFERENCES account (id),
    target    TEXT        NOT NULL,
    detail    TEXT
);
CREATE INDEX staff_audit_newest ON staff_audit (at DESC, id DESC);

-- At most one token at a time (id is always 1); only its hash is kept.
CREATE TABLE admin_bootstrap (
    id         INT         PRIMARY KEY CHECK (id = 1),
    token_hash BYTEA       NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
