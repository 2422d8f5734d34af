-- The whole schema of the product: tenancy and billing, chatbots, webhooks, events and the delivery queue.
-- Every row carries its tenant; child tables reference their parent through (tenant_id, id) so that a row can
-- never point at another tenant's parent.

CREATE TABLE tenants (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Billing as synced from the billing provider: the plan and the Webhooks add-on.
CREATE TABLE subscriptions (
    tenant_id               uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    plan                    text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'starter', 'pro', 'scale')),
    webhooks_addon_status   text NOT NULL DEFAULT 'none'
                            CHECK (webhooks_addon_status IN ('none', 'active', 'past_due', 'canceled')),
    webhooks_addon_interval text CHECK (webhooks_addon_interval IN ('month', 'year')),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email          text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    password_hash  text NOT NULL,
    role           text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);
-- Login is by email alone, so an address belongs to one user across all tenants.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE sessions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL,
    user_id       uuid NOT NULL,
    token_hash    bytea NOT NULL UNIQUE,           -- SHA-256 of the 256-bit token; the token itself is never stored
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    client_address text,
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_idx ON sessions (tenant_id, user_id);

CREATE TABLE api_keys (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    key_prefix    text NOT NULL,                   -- the first characters, to tell keys apart in a list
    key_hash      bytea NOT NULL UNIQUE,           -- SHA-256 of the whole key
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);

CREATE TABLE chatbots (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id)
);

CREATE TABLE webhooks (
    id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id                 uuid NOT NULL,
    chatbot_id                uuid NOT NULL,
    name                      text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    url                       text NOT NULL CHECK (length(url) <= 2048),
    event_types               text[] NOT NULL CHECK (cardinality(event_types) >= 1),
    is_active                 boolean NOT NULL DEFAULT true,
    signature_scheme          text NOT NULL DEFAULT 'standard'
                              CHECK (signature_scheme IN ('standard', 'hmac-sha256', 'hmac-sha256-prefixed',
                                                          'timestamped', 'token')),
    max_retries               integer NOT NULL DEFAULT 3 CHECK (max_retries >= 0),
    retry_delay_ms            integer NOT NULL DEFAULT 1000 CHECK (retry_delay_ms BETWEEN 100 AND 3600000),
    timeout_ms                integer NOT NULL DEFAULT 10000 CHECK (timeout_ms BETWEEN 1000 AND 30000),
    max_concurrency           integer NOT NULL DEFAULT 16 CHECK (max_concurrency BETWEEN 1 AND 1000),
    headers                   jsonb NOT NULL DEFAULT '{}',
    secret_ciphertext         bytea NOT NULL,      -- AES-256-GCM under WEBHOOKS_MASTER_KEY
    secret_hint               text NOT NULL,       -- the masked form shown after creation
    previous_secret_ciphertext bytea,              -- still signs beside the new one during a rotation
    previous_secret_expires_at timestamptz,
    success_count             bigint NOT NULL DEFAULT 0,
    failure_count             bigint NOT NULL DEFAULT 0,
    last_triggered_at         timestamptz,
    last_success_at           timestamptz,
    last_failure_at           timestamptz,
    failing_since             timestamptz,         -- first failure after the last success; drives auto-disable
    disabled_reason           text,
    disabled_at               timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, chatbot_id) REFERENCES chatbots (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhooks_chatbot_idx ON webhooks (tenant_id, chatbot_id, created_at);

CREATE TABLE events (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid NOT NULL,
    chatbot_id       uuid NOT NULL,
    type             text NOT NULL,
    idempotency_key  text CHECK (length(idempotency_key) <= 200),
    data             text NOT NULL,                -- compact JSON as published; the same bytes on every attempt
    occurred_at      timestamptz NOT NULL DEFAULT now(),
    deliveries_queued integer NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, chatbot_id) REFERENCES chatbots (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX events_idempotency_key ON events (tenant_id, chatbot_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX events_occurred_idx ON events (occurred_at);

-- One row per (event, webhook): the unit of work of the delivery engine.
-- status 'pending' rows are the queue; a claim sets lease_owner and moves next_attempt_at to the lease's end, so
-- an expired lease makes the row due again without any sweeper.
CREATE TABLE deliveries (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        uuid NOT NULL,
    webhook_id       uuid NOT NULL,
    event_id         uuid NOT NULL,
    event_type       text NOT NULL,
    is_test          boolean NOT NULL DEFAULT false,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempt_count    integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    lease_owner      text,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_webhook_idx ON deliveries (webhook_id, created_at DESC, id DESC);
CREATE INDEX deliveries_event_idx ON deliveries (event_id);
CREATE INDEX deliveries_created_idx ON deliveries (created_at);

CREATE TABLE delivery_attempts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    delivery_id      uuid NOT NULL,
    attempt_number   integer NOT NULL CHECK (attempt_number >= 1),
    started_at       timestamptz NOT NULL,
    duration_ms      integer NOT NULL,
    status_code      integer,
    error            text,
    response_body    text,                         -- the first 4 KiB
    FOREIGN KEY (tenant_id, delivery_id) REFERENCES deliveries (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id, attempt_number);
