-- Several instances of otp-service judge one channel. Each reports its own providers' breakers here
-- every tick; the instance that judges a tick reads every live report, so no instance's view of the
-- providers is the only one, and two instances cannot flip the state back and forth.
CREATE TABLE sms_breaker_report (
    instance_id  TEXT             NOT NULL,
    provider     TEXT             NOT NULL,
    state        TEXT             NOT NULL,
    success_rate DOUBLE PRECISION,
    reported_at  TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (instance_id, provider)
);

-- When the channel was last judged (one judgement per tick across instances) and what that
-- judgement measured (JSON), so that /api/ops/sms-health says the same from every instance.
ALTER TABLE sms_channel_state
    ADD COLUMN judged_at TIMESTAMPTZ,
    ADD COLUMN measured  TEXT;
