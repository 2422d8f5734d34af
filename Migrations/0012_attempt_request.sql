-- The delivery log shows each attempt's request as sent. The headers are kept per attempt (they differ: attempt
-- number, signature time), one "Name: value" per line, credentials masked. The body is not: it is rendered from the
-- delivery's stored event data, which every attempt shares, so an attempt keeps only what else it was rendered with
-- (the payload format, and the dashboard URL for formats that link to it). NULL for attempts logged before this,
-- and for attempts that sent nothing (the delivery could not be signed). Nullable without a default: no rewrite.
ALTER TABLE delivery_attempts
    ADD COLUMN request_headers text,
    ADD COLUMN request_format text,
    ADD COLUMN request_dashboard_url text;
