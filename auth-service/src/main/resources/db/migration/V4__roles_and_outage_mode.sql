-- Who may do what beyond their own account: every account is a 'user'; support agents are also
-- 'agent', operators 'ops'. Access tokens carry these as groups.
ALTER TABLE account ADD COLUMN roles TEXT[] NOT NULL DEFAULT '{user}';

-- Outage mode: SMS requested while the channel was failing does not count against a person's caps.
ALTER TABLE sms_request ADD COLUMN charged BOOLEAN NOT NULL DEFAULT true;
