-- The agents' queue in keyset pages (TicketQueue): its order as an index, and the per-ticket counts
-- it reads for each row.
CREATE INDEX ticket_queue_order ON ticket (priority, due_by, id);
CREATE INDEX ticket_request_ticket ON ticket_request (ticket_id) WHERE withdrawn_at IS NULL;
