-- Each change of the published channel state, with its reason: the /ops timeline of the last day.
-- Written in the transaction that publishes the change on sms.channel-health.
CREATE TABLE sms_channel_change (
    id         BIGSERIAL   PRIMARY KEY,
    state      TEXT        NOT NULL,
    reason     TEXT        NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_channel_change_at ON sms_channel_change (changed_at);
