-- After a recovery the password may be the attacker's too: the account must get a new one through a
-- one-time link sent to its own address before the password signs in again (issue 13).
ALTER TABLE account ADD COLUMN password_reset_required BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE password_reset (
    token_hash BYTEA       PRIMARY KEY,             -- SHA-256 of a 256-bit random token: the link's secret
    account_id UUID        NOT NULL REFERENCES account (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX password_reset_account ON password_reset (account_id);
