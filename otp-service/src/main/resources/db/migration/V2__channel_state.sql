-- The SMS channel's state as last judged and published; one row.
CREATE TABLE sms_channel_state (
    id     INT         PRIMARY KEY CHECK (id = 1),
    state  TEXT        NOT NULL,
    reason TEXT        NOT NULL,
    since  TIMESTAMPTZ NOT NULL
);
INSERT INTO sms_channel_state VALUES (1, 'HEALTHY', 'No problems seen.', now());
