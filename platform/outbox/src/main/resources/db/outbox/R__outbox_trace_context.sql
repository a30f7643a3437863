-- The W3C traceparent of the work that wrote each event, sent with it as a Kafka header, so that its
-- consumers' work joins the same trace. A repeatable migration, because the outbox's own versions
-- (V0_x) come before every service's: a new V0_2 would be refused by a database already past them.
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS trace_parent text;
