-- When the person last proved who they are in this session: the sign-in, or a later step-up. Access
-- tokens carry it as auth_time, which sensitive actions check for freshness.
ALTER TABLE session ADD COLUMN authenticated_at TIMESTAMPTZ;
UPDATE session SET authenticated_at = created_at;
ALTER TABLE session ALTER COLUMN authenticated_at SET NOT NULL;
