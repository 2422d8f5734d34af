-- Recording outcomes inserts one delivery_attempts row per attempt, and the foreign key to deliveries checked each
-- of them with a query of its own: a fifth of the time of the dispatcher's write. Attempts are only ever inserted
-- by that write, from the deliveries it has just updated, so the check can never fail there. What the key still
-- did was the cascade: attempts go with their delivery. A statement trigger does that now, once per DELETE
-- (whether deliveries are deleted directly, by retention, or by the cascade from their event or webhook).
ALTER TABLE delivery_attempts DROP CONSTRAINT delivery_attempts_tenant_id_delivery_id_fkey;

-- It only existed as that key's target; lookups by id use the primary key. One index less to maintain on every
-- insert and every non-HOT update of a delivery.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_tenant_id_id_key;

CREATE FUNCTION delete_attempts_of_deleted_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM delivery_attempts a USING deleted_deliveries d WHERE a.delivery_id = d.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER deliveries_delete_attempts AFTER DELETE ON deliveries
    REFERENCING OLD TABLE AS deleted_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION delete_attempts_of_deleted_deliveries();
