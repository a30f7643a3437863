-- Verified account addresses and the agents' email codes (issue 13): the owner's recovery emails go
-- only to an address its owner proved they read; an agent can send a one-time code to the account's
-- address, and a requester who types it back has shown they read that address.
ALTER TABLE account_view ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE ticket_email_code (
    ticket_id  UUID        NOT NULL REFERENCES ticket (id),
    agent      TEXT        NOT NULL,     -- whose check a confirmation passes
    code_hash  BYTEA       NOT NULL,     -- SHA-256 over ticket, agent and code
    sent_at    TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    attempts   INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (ticket_id, agent)
);
