-- `standard-ed25519` webhooks sign with an ed25519 key pair: the private key (`whsk_…`) is stored encrypted in
-- secret_ciphertext like any secret (and rotates through previous_secret_ciphertext the same way); its public key
-- (`whpk_…`), which is no secret, is kept in clear here so every read can show it without decrypting anything.
-- NULL for the HMAC and token schemes.
ALTER TABLE webhooks ADD COLUMN public_key text;
ALTER TABLE webhooks ADD CONSTRAINT webhooks_public_key_form CHECK (public_key IS NULL OR public_key LIKE 'whpk\_%');
ALTER TABLE webhooks DROP CONSTRAINT webhooks_signature_scheme_check;
ALTER TABLE webhooks ADD CONSTRAINT webhooks_signature_scheme_check
    CHECK (signature_scheme IN ('standard', 'hmac-sha256', 'hmac-sha256-prefixed', 'timestamped', 'token',
                                'standard-ed25519'));
