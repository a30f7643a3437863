-- Outage mode forgives only the texts that never reached the person: each request remembers its
-- challenge, and otp.delivery-status tells when a text for that challenge was delivered.
ALTER TABLE sms_request ADD COLUMN challenge_id UUID;
ALTER TABLE sms_request ADD COLUMN delivered_at TIMESTAMPTZ;
CREATE INDEX sms_request_challenge ON sms_request (challenge_id);
