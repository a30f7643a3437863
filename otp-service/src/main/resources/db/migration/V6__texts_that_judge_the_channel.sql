-- Only texts that matter judge the SMS channel: sign-in and step-up codes of established accounts,
-- those that have received and used a code before. Enrollment texts to numbers nobody has proven
-- (anyone can ask for them) do not, so nobody can switch outage mode on for everyone.
CREATE TABLE sms_account (
    account_id         UUID        PRIMARY KEY,
    first_code_used_at TIMESTAMPTZ NOT NULL
);
INSERT INTO sms_account (account_id, first_code_used_at)
SELECT account_id, min(consumed_at) FROM otp_code WHERE consumed_at IS NOT NULL GROUP BY account_id;

ALTER TABLE otp_code ADD COLUMN judges_channel BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE sms_message ADD COLUMN judges_channel BOOLEAN NOT NULL DEFAULT false;
-- the country calling code of the number ("44"): receipts are looked at per provider and per country
ALTER TABLE sms_message ADD COLUMN country_code TEXT;
CREATE INDEX sms_message_judging ON sms_message (sent_at) WHERE judges_channel;
