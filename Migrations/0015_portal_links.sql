-- Portal links (issue 16): a single-use, short-lived link that opens the dashboard scoped to one chatbot's webhooks.
-- Only the SHA-256 of a link's token is stored. Redeeming sets used_at once (UPDATE ... WHERE used_at IS NULL
-- AND expires_at > now), and opens a session scoped to the chatbot.
CREATE TABLE portal_links (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL,
    chatbot_id  uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE,             -- SHA-256 of the whole token (ptl_...)
    theme       jsonb NOT NULL DEFAULT '{}',       -- {"accent"?, "logoUrl"?, "dark"?}, validated by the API
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    FOREIGN KEY (tenant_id, chatbot_id) REFERENCES chatbots (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX portal_links_expiry_idx ON portal_links (expires_at);

-- A portal session belongs to no user (an API key may make the link) and is scoped to one chatbot; deleting the
-- chatbot ends it (the delete notifies, so caches drop it). Every other session keeps its user.
ALTER TABLE sessions ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE sessions ADD COLUMN chatbot_scope uuid;
ALTER TABLE sessions ADD COLUMN portal_theme jsonb;
ALTER TABLE sessions ADD CONSTRAINT sessions_user_or_portal
    CHECK ((user_id IS NOT NULL AND chatbot_scope IS NULL) OR (user_id IS NULL AND chatbot_scope IS NOT NULL));
ALTER TABLE sessions ADD CONSTRAINT sessions_chatbot_scope_fkey
    FOREIGN KEY (tenant_id, chatbot_scope) REFERENCES chatbots (tenant_id, id) ON DELETE CASCADE;

CREATE INDEX sessions_chatbot_scope_idx ON sessions (tenant_id, chatbot_scope) WHERE chatbot_scope IS NOT NULL;

-- The scope decides what a cached session may reach: a change to it must drop the cached copies too.
DROP TRIGGER sessions_notify ON sessions;
CREATE TRIGGER sessions_notify
    AFTER UPDATE OF revoked_at, expires_at, tenant_id, user_id, chatbot_scope, portal_theme OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION notify_tenant_change();
