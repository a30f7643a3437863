-- Shipped by platform/outbox and applied to every service's own database (Flyway location
-- classpath:db/outbox). Platform migrations are numbered below 1; services number theirs from 1.

-- Events waiting to be relayed to Kafka, written in the same transaction as the change they describe.
CREATE TABLE outbox_event (
    id           BIGSERIAL   PRIMARY KEY,
    event_id     UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    aggregate_id TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    envelope     TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at      TIMESTAMPTZ
);

CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_at ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;

-- Events a consumer of this service has applied; the primary key is what makes a redelivery a no-op.
CREATE TABLE applied_event (
    consumer   TEXT        NOT NULL,
    event_id   UUID        NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
