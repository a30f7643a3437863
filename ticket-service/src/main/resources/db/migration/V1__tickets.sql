-- ticket-service: recovery tickets, and what agents need to judge them.

-- The evidence: a read model of account.security-events (never auth's tables).
CREATE TABLE account_view (
    account_id        UUID        PRIMARY KEY,
    username          TEXT        NOT NULL UNIQUE,
    email             TEXT        NOT NULL,
    registered_at     TIMESTAMPTZ NOT NULL,
    sms_enabled       BOOLEAN     NOT NULL DEFAULT false,
    last_login_at     TIMESTAMPTZ,
    last_login_method TEXT
);
-- Recent security events of an account: failures and changes an agent should see.
CREATE TABLE account_activity (
    id         BIGSERIAL   PRIMARY KEY,
    account_id UUID        NOT NULL,
    kind       TEXT        NOT NULL,
    detail     TEXT,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX account_activity_account ON account_activity (account_id, at);

-- One ticket per username while it is open; more requests for the same name join it.
CREATE TABLE ticket (
    id                UUID        PRIMARY KEY,
    username          TEXT        NOT NULL,
    account_id        UUID,
    status            TEXT        NOT NULL,
    priority          INT         NOT NULL,
    opened_at         TIMESTAMPTZ NOT NULL,
    due_by            TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    claimed_by        TEXT,
    claim_expires_at  TIMESTAMPTZ,
    hold_until        TIMESTAMPTZ,
    cancel_token_hash BYTEA,
    outcome           TEXT
);
CREATE UNIQUE INDEX ticket_one_open_per_username ON ticket (username)
    WHERE status IN ('OPEN', 'CLAIMED', 'ON_HOLD', 'APPROVED');
CREATE INDEX ticket_queue ON ticket (status, priority, due_by);

-- Each request someone made: its own tracking code (kept as a hash), contact and story.
CREATE TABLE ticket_request (
    id                 UUID        PRIMARY KEY,
    ticket_id          UUID        NOT NULL REFERENCES ticket (id),
    tracking_code_hash BYTEA       NOT NULL,
    contact_email      TEXT        NOT NULL,
    details            TEXT        NOT NULL,
    requester_ip       TEXT        NOT NULL,
    username           TEXT        NOT NULL,
    requested_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_request_ip ON ticket_request (requester_ip, requested_at);
CREATE INDEX ticket_request_username ON ticket_request (username, requested_at);

CREATE TABLE ticket_check (
    ticket_id UUID        NOT NULL REFERENCES ticket (id),
    name      TEXT        NOT NULL,
    passed    BOOLEAN     NOT NULL,
    note      TEXT,
    by_agent  TEXT        NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ticket_id, name)
);

-- Two different agents must approve: the key makes a second approval by the same agent impossible.
CREATE TABLE ticket_approval (
    ticket_id UUID        NOT NULL REFERENCES ticket (id),
    agent     TEXT        NOT NULL,
    note      TEXT,
    at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ticket_id, agent)
);

-- Everything that happened to a ticket, by whom; never updated or deleted.
CREATE TABLE ticket_audit (
    id        BIGSERIAL   PRIMARY KEY,
    ticket_id UUID        NOT NULL REFERENCES ticket (id),
    at        TIMESTAMPTZ NOT NULL,
    actor     TEXT        NOT NULL,
    action    TEXT        NOT NULL,
    detail    TEXT
);
CREATE INDEX ticket_audit_ticket ON ticket_audit (ticket_id, id);
