-- The SMS channel's state as otp-service last published it on sms.channel-health; one row.
CREATE TABLE sms_channel (
    id     INT         PRIMARY KEY CHECK (id = 1),
    state  TEXT        NOT NULL,
    reason TEXT        NOT NULL,
    since  TIMESTAMPTZ NOT NULL
);
INSERT INTO sms_channel VALUES (1, 'HEALTHY', 'No report yet.', 'epoch');
