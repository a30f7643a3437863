-- A tracking code withdraws only its own request (issue 13): a request can be withdrawn on its own.
ALTER TABLE ticket_request ADD COLUMN withdrawn_at TIMESTAMPTZ;
CREATE INDEX ticket_request_contact ON ticket_request (contact_email, requested_at);

-- The owner's "this wasn't me" links: one per email sent to the account's address, kept as hashes.
CREATE TABLE ticket_cancel_link (
    token_hash BYTEA       PRIMARY KEY,
    ticket_id  UUID        NOT NULL REFERENCES ticket (id),
    created_at TIMESTAMPTZ NOT NULL
);
INSERT INTO ticket_cancel_link (token_hash, ticket_id, created_at)
    SELECT cancel_token_hash, id, updated_at FROM ticket WHERE cancel_token_hash IS NOT NULL;
ALTER TABLE ticket DROP COLUMN cancel_token_hash;

-- Four eyes for real: each approving agent records every check themselves.
ALTER TABLE ticket_check DROP CONSTRAINT ticket_check_pkey;
ALTER TABLE ticket_check ADD PRIMARY KEY (ticket_id, name, by_agent);
