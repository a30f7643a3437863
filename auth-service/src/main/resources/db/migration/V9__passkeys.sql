-- Passkeys (WebAuthn credentials) as a second factor. Only the public key is kept (inside the attested
-- credential data, as the authenticator made it); the private key never leaves the person's device.
CREATE TABLE passkey (
    id                       UUID        PRIMARY KEY,
    account_id               UUID        NOT NULL REFERENCES account (id),
    credential_id            BYTEA       NOT NULL UNIQUE,
    attested_credential_data BYTEA       NOT NULL,   -- AAGUID, credential id and COSE public key
    sign_count               BIGINT      NOT NULL,   -- a count that goes backwards means a cloned authenticator
    uv_initialized           BOOLEAN     NOT NULL,
    backup_eligible          BOOLEAN     NOT NULL,
    backup_state             BOOLEAN     NOT NULL,
    name                     TEXT        NOT NULL,
    created_at               TIMESTAMPTZ NOT NULL,
    last_used_at             TIMESTAMPTZ
);
CREATE INDEX passkey_account ON passkey (account_id);

-- A challenge handed to a browser for one WebAuthn ceremony. Deleting the row is how it is used:
-- a second answer to the same challenge finds nothing (no replay).
CREATE TABLE passkey_ceremony (
    challenge          BYTEA       PRIMARY KEY,
    account_id         UUID        NOT NULL REFERENCES account (id),
    kind               TEXT        NOT NULL,         -- REGISTRATION, SIGN_IN, STEP_UP
    login_challenge_id UUID        REFERENCES login_challenge (id),
    expires_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX passkey_ceremony_expiry ON passkey_ceremony (expires_at);
