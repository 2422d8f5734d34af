-- Test inboxes (issue 16): URLs a tenant opens to see what a webhook sends, webhook.site inside the product.
-- Bounded (the numbers are WebhookCore's InboxLimits): a few inboxes per tenant, the newest 100 requests each,
-- 64 KiB of each body, 7 days of life; the maintenance pass deletes expired inboxes with their requests.

CREATE TABLE inboxes (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    token_hash    bytea NOT NULL UNIQUE,          -- SHA-256 of the URL's token: what a received request is found by
    token_sealed  bytea NOT NULL,                 -- the token, AES-256-GCM under the master key, to show the URL again
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    UNIQUE (tenant_id, id)
);
CREATE INDEX inboxes_tenant_idx ON inboxes (tenant_id, created_at);
CREATE INDEX inboxes_expiry_idx ON inboxes (expires_at);

CREATE TABLE inbox_requests (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    sequence       bigint GENERATED ALWAYS AS IDENTITY,   -- the order of arrival, and the polling cursor
    tenant_id      uuid NOT NULL,
    inbox_id       uuid NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    method         text NOT NULL,
    path           text NOT NULL,
    query          text,
    header_names   text[] NOT NULL,
    header_values  text[] NOT NULL,
    body           bytea NOT NULL,               -- at most the first 64 KiB
    size           integer NOT NULL,             -- the whole body's size
    truncated      boolean NOT NULL,
    FOREIGN KEY (tenant_id, inbox_id) REFERENCES inboxes (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX inbox_requests_inbox_idx ON inbox_requests (inbox_id, sequence);
