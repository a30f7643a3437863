-- An operator's word on the channel, with a reason and an expiry: while it lasts it is the state
-- published, whatever the measurements say. The measured state is kept next to it for the report.
ALTER TABLE sms_channel_state
    ADD COLUMN judged_state    TEXT,
    ADD COLUMN judged_reason   TEXT,
    ADD COLUMN override_state  TEXT,
    ADD COLUMN override_reason TEXT,
    ADD COLUMN override_by     TEXT,
    ADD COLUMN override_until  TIMESTAMPTZ;

-- The sweeper looks for messages that are stuck: queued and never sent, or sent and never confirmed.
CREATE INDEX sms_message_open ON sms_message (status, requested_at) WHERE status IN ('QUEUED', 'SENT');
CREATE INDEX otp_code_created ON otp_code (created_at);
