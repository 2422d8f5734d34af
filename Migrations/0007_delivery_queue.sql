-- The queue moves out of the delivery log into a table of its own.
--
-- Before, the pending rows of `deliveries` were the queue: a claim moved a row's `next_attempt_at` (and so its entry
-- in the partial index of pending rows) and settling it changed its `status` (the index's predicate). Each of those
-- updates therefore wrote a new entry into every index of `deliveries` (five), and that index upkeep (with the
-- clean-up of the entries it left behind) was about 40% of PostgreSQL's time while draining a backlog.
--
-- Now `delivery_queue` holds one small row per pending delivery: when it is due (or, while leased, when the lease
-- ends) and who holds the lease. Claims read and lease queue rows only; settling deletes the queue row (or moves it to
-- the retry time) and updates the delivery's log columns, none of which is indexed, so PostgreSQL can update it in
-- place (a HOT update, no index entry at all) when the page has room: `deliveries` keeps half of each new page free.
-- A delivery is pending exactly when it has a queue row.
CREATE TABLE delivery_queue (
    delivery_id  uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL,
    webhook_id   uuid NOT NULL,
    is_test      boolean NOT NULL,
    due_at       timestamptz NOT NULL,                 -- the next attempt's time, or the end of the lease
    lease_owner  text
);
CREATE INDEX delivery_queue_due_idx ON delivery_queue (due_at);

INSERT INTO delivery_queue (delivery_id, tenant_id, webhook_id, is_test, due_at, lease_owner)
SELECT id, tenant_id, webhook_id, is_test, next_attempt_at, lease_owner FROM deliveries WHERE status = 'pending';

ALTER TABLE deliveries DROP CONSTRAINT deliveries_lease_only_while_pending;
ALTER TABLE deliveries DROP COLUMN lease_owner;
DROP INDEX deliveries_due_idx;
ALTER TABLE deliveries SET (fillfactor = 50);

-- Deleted deliveries (with their event, webhook, chatbot or tenant) leave the queue too.
CREATE FUNCTION dequeue_deleted_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM delivery_queue q USING deleted_deliveries d WHERE q.delivery_id = d.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER deliveries_dequeue AFTER DELETE ON deliveries
    REFERENCING OLD TABLE AS deleted_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION dequeue_deleted_deliveries();
