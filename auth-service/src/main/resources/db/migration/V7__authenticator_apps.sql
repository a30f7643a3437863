-- Authenticator apps (TOTP, RFC 6238). The secret is kept only encrypted (AES-GCM: nonce || ciphertext,
-- bound to the account); it is pending until a first code from the app confirms it. totp_last_step is
-- the last time step accepted: each code works once.
ALTER TABLE account ADD COLUMN totp_secret BYTEA;
ALTER TABLE account ADD COLUMN totp_pending_secret BYTEA;
ALTER TABLE account ADD COLUMN totp_last_step BIGINT;
