-- Settings every process of one deployment must share, because processes hand each other work through the queue:
-- the first `serve` or `worker` to start records its value, and a process started with another one refuses to
-- start (`webhooksd admin record-deployment-settings` records new values on purpose).
CREATE TABLE deployment_settings (
    name        text PRIMARY KEY,             -- the environment variable, e.g. WEBHOOKS_ALLOW_PRIVATE_TARGETS
    value       text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
