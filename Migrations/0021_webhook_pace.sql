-- Pace across processes (issue 17): a rate-limited webhook's start times are reserved here when deliveries are
-- claimed, so every dispatcher process together keeps to the webhook's `rate_limit`. `next_start_at` is the first
-- start time nobody holds yet: a claim of k deliveries takes the k slots from greatest(next_start_at, now), one every
-- 1/rate_limit seconds, and moves it past them (docs/dispatcher.md, "Pace"). Only rate-limited webhooks have a row;
-- claims of other webhooks never read or write this table.
CREATE TABLE webhook_pace (
    webhook_id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    next_start_at timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks (tenant_id, id) ON DELETE CASCADE
);
