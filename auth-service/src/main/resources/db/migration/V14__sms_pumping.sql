-- SMS pumping defences (issue 14). Every text asked for is a row of sms_request; these columns let
-- the limits count it by country, number prefix and client address, and the conversion guard see
-- whether its code was ever used. The limits hold across instances because they count here.
ALTER TABLE sms_request ADD COLUMN country        TEXT;          -- ISO 3166 region of the number, e.g. GB
ALTER TABLE sms_request ADD COLUMN prefix         TEXT;          -- country code and the next digits, e.g. +447700
ALTER TABLE sms_request ADD COLUMN client_address TEXT;          -- who asked, as the gateway saw them
ALTER TABLE sms_request ADD COLUMN purpose        TEXT;          -- LOGIN, SMS_ENROLLMENT, STEP_UP
ALTER TABLE sms_request ADD COLUMN code_used_at   TIMESTAMPTZ;   -- a code of this text's challenge was typed back
CREATE INDEX sms_request_recent ON sms_request (requested_at);
CREATE INDEX sms_request_prefix ON sms_request (prefix, requested_at);
CREATE INDEX sms_request_client ON sms_request (client_address, requested_at);

-- Prefixes whose codes are almost never used while everyone else's are: pumping. Texts to new
-- numbers there stop until the block ends or ops lift it.
CREATE TABLE sms_prefix_block (
    prefix     TEXT        PRIMARY KEY,
    country    TEXT        NOT NULL,
    blocked_at TIMESTAMPTZ NOT NULL,
    until      TIMESTAMPTZ NOT NULL,
    reason     TEXT        NOT NULL,
    lifted_at  TIMESTAMPTZ,
    lifted_by  TEXT
);

-- The global budget as ops raised it (one row; absent: the configured default).
CREATE TABLE sms_budget (
    id        INT         PRIMARY KEY CHECK (id = 1),
    per_hour  INT         NOT NULL,
    per_day   INT         NOT NULL,
    set_by    TEXT        NOT NULL,
    set_at    TIMESTAMPTZ NOT NULL
);
