-- Recoveries someone asked for and nobody has decided yet, from recovery.tickets: every signed-in
-- session of the account is told (GET /api/me notices), so the owner can say "this wasn't me".
CREATE TABLE recovery_in_progress (
    ticket_id  UUID        PRIMARY KEY,
    account_id UUID        NOT NULL,
    status     TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX recovery_in_progress_account ON recovery_in_progress (account_id);
