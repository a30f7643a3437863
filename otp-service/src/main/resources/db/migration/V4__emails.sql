-- Whom to tell about an account: its email, as account.security-events announced it.
CREATE TABLE account_contact (
    account_id UUID PRIMARY KEY,
    email      TEXT NOT NULL
);

-- Every email to send, written in the transaction of the event that asked for it and sent by
-- EmailSender afterwards, so an SMTP server that is down delays emails and loses none.
CREATE TABLE email_message (
    id           UUID        PRIMARY KEY,
    recipients   TEXT[]      NOT NULL,
    subject      TEXT        NOT NULL,
    body         TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    next_try_at  TIMESTAMPTZ NOT NULL,
    sent_at      TIMESTAMPTZ,
    attempts     INT         NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE INDEX email_message_unsent ON email_message (next_try_at) WHERE sent_at IS NULL;
