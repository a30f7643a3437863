-- One row per sign-in completed (SIGNED_IN, by factor) and per person with SMS pointed at another factor
-- because texts could not be used (ROUTED, to that factor): the /ops charts of the last day. Insert-only, so
-- sign-ins never wait on each other for it; rows older than eight days are deleted.
CREATE TABLE sign_in_record (
    id     BIGSERIAL   PRIMARY KEY,
    at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    kind   TEXT        NOT NULL,
    factor TEXT        NOT NULL
);
CREATE INDEX sign_in_record_at ON sign_in_record (at);
