-- Set when support recovered the account: two-factor is off and the owner must turn it on again
-- (with new backup codes) before the account can do anything else.
ALTER TABLE account ADD COLUMN reenrollment_required BOOLEAN NOT NULL DEFAULT false;
