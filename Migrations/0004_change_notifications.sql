-- Changes that can make a server's in-process read cache stale announce the tenant on the "tenant_changes"
-- channel, so every server process drops that tenant's cached sessions, API keys and webhook lists at commit.
-- PostgreSQL folds identical notifications of one transaction into one, so a batch touching many rows of a tenant
-- sends one. Refreshing sessions.last_seen_at and api_keys.last_used_at does not notify: the server that
-- refreshes drops its own cached copy, and the refresh changes nothing another server decides on.
-- Nor do the delivery counters of webhooks: a transaction that notifies holds PostgreSQL's notification lock
-- until its commit is flushed, so every notifying transaction waits for the others' WAL flushes. The dispatcher
-- announces its counter updates itself, in a statement of their own after they commit (no flush to wait for).
CREATE FUNCTION notify_tenant_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('tenant_changes', OLD.tenant_id::text);
    ELSE
        PERFORM pg_notify('tenant_changes', NEW.tenant_id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER subscriptions_notify AFTER INSERT OR UPDATE OR DELETE ON subscriptions
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change();
CREATE TRIGGER users_notify AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change();
CREATE TRIGGER sessions_notify AFTER UPDATE OF revoked_at, expires_at, tenant_id, user_id OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change();
CREATE TRIGGER api_keys_notify AFTER UPDATE OF revoked_at, tenant_id OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change();
CREATE TRIGGER chatbots_notify AFTER UPDATE OR DELETE ON chatbots
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change();
CREATE TRIGGER webhooks_notify AFTER INSERT OR DELETE ON webhooks
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change();
CREATE TRIGGER webhooks_settings_notify AFTER UPDATE ON webhooks
    FOR EACH ROW
    WHEN ((OLD.tenant_id, OLD.chatbot_id, OLD.name, OLD.url, OLD.event_types, OLD.is_active, OLD.signature_scheme,
           OLD.max_retries, OLD.retry_delay_ms, OLD.timeout_ms, OLD.max_concurrency, OLD.headers, OLD.secret_hint,
           OLD.secret_ciphertext, OLD.previous_secret_ciphertext, OLD.previous_secret_expires_at,
           OLD.disabled_reason, OLD.disabled_at, OLD.updated_at)
          IS DISTINCT FROM
          (NEW.tenant_id, NEW.chatbot_id, NEW.name, NEW.url, NEW.event_types, NEW.is_active, NEW.signature_scheme,
           NEW.max_retries, NEW.retry_delay_ms, NEW.timeout_ms, NEW.max_concurrency, NEW.headers, NEW.secret_hint,
           NEW.secret_ciphertext, NEW.previous_secret_ciphertext, NEW.previous_secret_expires_at,
           NEW.disabled_reason, NEW.disabled_at, NEW.updated_at))
    EXECUTE FUNCTION notify_tenant_change();
