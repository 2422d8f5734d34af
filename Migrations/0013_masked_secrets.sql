-- A masked secret shows none of its characters. Webhook secret hints showed the first four: they become
-- `whsec_` + the mask for secrets with that shared prefix, the mask alone otherwise. API keys' stored prefixes
-- held six characters of the key itself: they keep only the `sk_` every key starts with.
UPDATE webhooks
SET secret_hint = CASE WHEN secret_hint LIKE 'whsec\_%' THEN 'whsec_••••••••' ELSE '••••••••' END
WHERE secret_hint NOT IN ('whsec_••••••••', '••••••••');
UPDATE api_keys SET key_prefix = 'sk_' WHERE key_prefix <> 'sk_';
