-- An email to an account's owner names the account; its address is looked up when it is sent, so
-- an event that overtakes the account's registration (another topic, another consumer) waits for it.
ALTER TABLE email_message ADD COLUMN account_id UUID;
