-- backup-code-service: sets of one-time backup codes.

-- At most one live set per account; regenerating voids the previous one in the same transaction.
CREATE TABLE backup_code_set (
    id           UUID        PRIMARY KEY,
    account_id   UUID        NOT NULL,
    total        INT         NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    voided_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX backup_code_set_live ON backup_code_set (account_id) WHERE voided_at IS NULL;

-- A code is "LLLL-SSSS-SSSS-SSSS": LLLL picks the code out of its set (stored as is), the twelve S
-- characters are the 60-bit secret, kept only as an Argon2id hash. Checking a code therefore costs
-- exactly one hash, and the lookup part gives an attacker nothing towards the secret.
CREATE TABLE backup_code (
    set_id      UUID        NOT NULL REFERENCES backup_code_set (id),
    lookup      TEXT        NOT NULL,
    secret_hash TEXT        NOT NULL,
    used_at     TIMESTAMPTZ,
    PRIMARY KEY (set_id, lookup)
);
