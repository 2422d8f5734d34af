-- Publishing inserts one delivery per matching webhook, and the two foreign keys of deliveries checked each of them
-- with two queries of their own (a quarter of PostgreSQL's time while publishing). Deliveries are only inserted by
-- the publishing statement (and the test send), from the event that statement inserts and from webhooks it reads
-- and locks (FOR KEY SHARE, as the key's check did, so a webhook cannot be deleted under a publish): the checks can
-- never fail there. What the keys still did was the cascade: deliveries go with their event and their webhook.
-- Statement triggers do that now, once per DELETE, whether the event or webhook is deleted directly or by the
-- cascade from its chatbot or tenant (and the deliveries' own trigger takes their attempts along).
ALTER TABLE deliveries DROP CONSTRAINT deliveries_tenant_id_event_id_fkey;
ALTER TABLE deliveries DROP CONSTRAINT deliveries_tenant_id_webhook_id_fkey;

-- It only existed as the first key's target; lookups by id use the primary key. One index less per event.
ALTER TABLE events DROP CONSTRAINT events_tenant_id_id_key;

CREATE FUNCTION delete_deliveries_of_deleted_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM deliveries d USING deleted_events e WHERE d.event_id = e.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER events_delete_deliveries AFTER DELETE ON events
    REFERENCING OLD TABLE AS deleted_events
    FOR EACH STATEMENT EXECUTE FUNCTION delete_deliveries_of_deleted_events();

CREATE FUNCTION delete_deliveries_of_deleted_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM deliveries d USING deleted_webhooks w WHERE d.webhook_id = w.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER webhooks_delete_deliveries AFTER DELETE ON webhooks
    REFERENCING OLD TABLE AS deleted_webhooks
    FOR EACH STATEMENT EXECUTE FUNCTION delete_deliveries_of_deleted_webhooks();

-- A lease only exists on a pending delivery: every statement that ends or re-queues a delivery clears it. Recording
-- an outcome relies on this (it finds its rows by id and lease alone, never through the partial index of pending
-- rows, whose row estimate is often far off on a queue), so the database keeps it true.
ALTER TABLE deliveries ADD CONSTRAINT deliveries_lease_only_while_pending
    CHECK (lease_owner IS NULL OR status = 'pending');
