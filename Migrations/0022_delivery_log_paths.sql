-- Every delivery-log filter gets a path whose cost is its page, not the webhook's history (issue 18).
--
-- Before, the log had one index, deliveries_webhook_idx (webhook, creation time): a filter was checked on each row
-- that range yielded, so a filter matching little or nothing read the webhook's whole history (135 ms at 100,000
-- deliveries on one webhook; docs/history-benchmark.md). Now:
--   * an event type reads deliveries_webhook_type_idx: one index entry more per delivery, written at insert only
--     (the type never changes, so completing a delivery stays a HOT update);
--   * `pending` reads the queue, which holds exactly the pending deliveries, by webhook and creation time;
--   * `failed` reads delivery_failures, a row per delivery that failed for good, written only then (nothing on the
--     success path) and removed when the delivery is re-queued or deleted.
-- No index on deliveries names `status`: settling changes it, and such an index would make every completion write
-- a new entry in every index of the log (what migration 0007 removed).

CREATE INDEX deliveries_webhook_type_idx ON deliveries (webhook_id, event_type, created_at DESC, id DESC);

ALTER TABLE delivery_queue ADD COLUMN created_at timestamptz;
UPDATE delivery_queue q SET created_at = d.created_at FROM deliveries d WHERE d.id = q.delivery_id;
-- A queue row whose delivery is gone (none should exist: deletions take them along) would have no place in the log.
DELETE FROM delivery_queue WHERE created_at IS NULL;
ALTER TABLE delivery_queue ALTER COLUMN created_at SET NOT NULL;
CREATE INDEX delivery_queue_webhook_idx ON delivery_queue (webhook_id, created_at DESC, delivery_id DESC);

CREATE TABLE delivery_failures (
    webhook_id   uuid NOT NULL,
    created_at   timestamptz NOT NULL,   -- the delivery's, the log's order
    delivery_id  uuid NOT NULL,
    tenant_id    uuid NOT NULL,
    event_type   text NOT NULL,
    PRIMARY KEY (webhook_id, created_at, delivery_id)
);
CREATE INDEX delivery_failures_type_idx ON delivery_failures (webhook_id, event_type, created_at, delivery_id);

INSERT INTO delivery_failures (webhook_id, created_at, delivery_id, tenant_id, event_type)
SELECT webhook_id, created_at, id, tenant_id, event_type FROM deliveries WHERE status = 'failed';

-- Deleted deliveries (with their event, webhook, chatbot or tenant, or by the retention purge) take their failure
-- rows along, as they take their queue rows (migration 0007).
CREATE FUNCTION forget_deleted_failures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM delivery_failures f USING deleted_deliveries d
    WHERE d.status = 'failed' AND f.webhook_id = d.webhook_id AND f.created_at = d.created_at AND f.delivery_id = d.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER deliveries_forget_failures AFTER DELETE ON deliveries
    REFERENCING OLD TABLE AS deleted_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION forget_deleted_failures();

-- The retention purge now reads each webhook's range of deliveries_webhook_idx (its batch cost grew with the history
-- kept by longer-retained tenants), and no other statement may use an index of every webhook's deliveries by time:
-- one index entry less per delivery, and no plan that reads the whole log by time for a quiet webhook.
DROP INDEX deliveries_created_idx;
