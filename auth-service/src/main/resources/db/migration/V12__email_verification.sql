-- The account's email address proven by a code sent to it (issue 13): recovery notices and links go
-- to a verified address. Codes are six digits, kept only hashed, five tries, a day to use.
ALTER TABLE account ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE email_verification (
    account_id UUID        PRIMARY KEY REFERENCES account (id),
    code_hash  BYTEA       NOT NULL,                -- SHA-256 over account id and code
    sent_at    TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    attempts   INT         NOT NULL DEFAULT 0
);
