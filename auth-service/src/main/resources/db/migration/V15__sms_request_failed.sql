-- A text otp-service gave up on (every provider refused, a failed receipt, no receipt in time, or it
-- reached otp-service after its code would have expired): the sign-in page tells the person at once
-- and points them to another factor, instead of leaving them waiting for a text that will not come.
ALTER TABLE sms_request ADD COLUMN failed_at TIMESTAMPTZ;
