-- otp-service: one-time SMS codes and the messages that carry them.

-- One live code per challenge: a resend replaces it. Only a keyed hash of the code is kept:
-- HMAC-SHA256(key, salt || code), so a copy of this table alone cannot be searched for the code.
CREATE TABLE otp_code (
    challenge_id UUID        PRIMARY KEY,
    account_id   UUID        NOT NULL,
    salt         BYTEA       NOT NULL,
    code_hash    BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    attempts     INT         NOT NULL DEFAULT 0,
    consumed_at  TIMESTAMPTZ
);

-- Every SMS, from the request to its last known status (QUEUED, SENT, DELIVERED, FAILED).
CREATE TABLE sms_message (
    id             UUID        PRIMARY KEY,
    challenge_id   UUID        NOT NULL,
    phone          TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    provider       TEXT,
    provider_sid   TEXT,
    requested_at   TIMESTAMPTZ NOT NULL,
    sent_at        TIMESTAMPTZ,
    delivered_at   TIMESTAMPTZ,
    failure_reason TEXT
);
CREATE INDEX sms_message_challenge ON sms_message (challenge_id);
CREATE INDEX sms_message_requested ON sms_message (requested_at);
