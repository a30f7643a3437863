-- What auth-service knows of each account's backup codes, from backup-codes.events: enough to offer
-- the method at sign-in and show the count, never the codes.
CREATE TABLE backup_code_count (
    account_id UUID        PRIMARY KEY,
    remaining  INT         NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
