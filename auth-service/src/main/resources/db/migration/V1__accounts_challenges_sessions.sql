-- auth-service: accounts, sign-in challenges, sessions.

CREATE TABLE account (
    id            UUID        PRIMARY KEY,
    username      TEXT        NOT NULL UNIQUE,          -- lower case: usernames are case-insensitive
    email         TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,                 -- PHC string: algorithm, parameters, salt, hash
    sms_phone     TEXT,                                 -- E.164, set when SMS two-factor is confirmed
    created_at    TIMESTAMPTZ NOT NULL
);

-- The failure budget, kept per normalised username whether or not such an account exists, so that
-- lockouts cannot tell anyone which usernames are taken.
CREATE TABLE login_throttle (
    username          TEXT        PRIMARY KEY,
    failures          INT         NOT NULL,
    window_started_at TIMESTAMPTZ NOT NULL,
    locked_until      TIMESTAMPTZ
);

CREATE TABLE login_challenge (
    id           UUID        PRIMARY KEY,
    account_id   UUID        NOT NULL REFERENCES account (id),
    purpose      TEXT        NOT NULL,                  -- LOGIN, SMS_ENROLLMENT, STEP_UP
    phone        TEXT,                                  -- where this challenge's SMS codes go
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    last_sms_at  TIMESTAMPTZ,
    completed_at TIMESTAMPTZ
);
CREATE INDEX login_challenge_account ON login_challenge (account_id, purpose, created_at);

-- Every SMS requested, for the caps per phone number and per account.
CREATE TABLE sms_request (
    id           BIGSERIAL   PRIMARY KEY,
    account_id   UUID        NOT NULL REFERENCES account (id),
    phone        TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_request_phone ON sms_request (phone, requested_at);
CREATE INDEX sms_request_account ON sms_request (account_id, requested_at);

CREATE TABLE session (
    id             UUID        PRIMARY KEY,
    account_id     UUID        NOT NULL REFERENCES account (id),
    created_at     TIMESTAMPTZ NOT NULL,
    last_used_at   TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_reason TEXT
);
CREATE INDEX session_account ON session (account_id);

-- Refresh tokens are 256 random bits; only their SHA-256 is kept. A used token stays, marked, so that
-- presenting it again is recognised as theft and ends the session.
CREATE TABLE refresh_token (
    token_hash BYTEA       PRIMARY KEY,
    session_id UUID        NOT NULL REFERENCES session (id),
    issued_at  TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX refresh_token_session ON refresh_token (session_id);
